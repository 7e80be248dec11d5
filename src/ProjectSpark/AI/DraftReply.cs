using System.ComponentModel;
using System.Text.Json.Serialization;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.AI;

/// <summary>
/// The model's reply, as a type: Semantic Kernel turns it into the strict JSON schema sent as response_format.
/// Mutable classes with lists, because that is the shape the schema generator and System.Text.Json both handle.
/// </summary>
public sealed class DraftReply
{
    [JsonPropertyName("ideas")] public List<DraftReplyIdea> Ideas { get; set; } = [];
}

public class DraftReplyIdea
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("drivingQuestion")] public string DrivingQuestion { get; set; } = "";
    [JsonPropertyName("summary")] public string Summary { get; set; } = "";
    [JsonPropertyName("milestones")] public List<DraftReplyMilestone> Milestones { get; set; } = [];
    [JsonPropertyName("finalProduct")] public string FinalProduct { get; set; } = "";
    [JsonPropertyName("audience"), Description("Who outside the classroom sees the final product")] public string Audience { get; set; } = "";
    [JsonPropertyName("skills")] public List<string> Skills { get; set; } = [];
    [JsonPropertyName("estimatedHours")] public int EstimatedHours { get; set; }
    [JsonPropertyName("materials")] public List<string> Materials { get; set; } = [];
    [JsonPropertyName("whyItFits"), Description("Names at least one of the student's interests word for word")] public string WhyItFits { get; set; } = "";
    [JsonPropertyName("conversationStarters"), Description("2 or 3 open questions for the mentor to ask")] public List<string> ConversationStarters { get; set; } = [];

    public virtual DraftContent ToContent() => new(Title.Trim(), DrivingQuestion.Trim(), Summary.Trim(),
        Milestones.Select(m => new Milestone(m.Title.Trim(), m.Week)).ToList(), FinalProduct.Trim(), Audience.Trim(),
        Skills.Select(s => s.Trim()).ToList(), EstimatedHours, Materials.Select(m => m.Trim()).ToList(), WhyItFits.Trim(),
        ConversationStarters.Select(c => c.Trim()).ToList());
}

/// <summary>The conversation-starters function's reply.</summary>
public sealed class StartersReply
{
    [JsonPropertyName("starters"), Description("2 or 3 short open questions, each at most 200 characters")] public List<string> Starters { get; set; } = [];
}

public sealed class DraftReplyMilestone
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("week")] public int Week { get; set; }
}

/// <summary>The reply for a class unit: the same briefs, plus the teacher's standards each idea addresses.</summary>
public sealed class ClassDraftReply
{
    [JsonPropertyName("ideas")] public List<ClassDraftReplyIdea> Ideas { get; set; } = [];
}

public sealed class ClassDraftReplyIdea : DraftReplyIdea
{
    [JsonPropertyName("standards"), Description("Only codes from the teacher's standards, copied exactly; empty if the teacher gave none")]
    public List<string> Standards { get; set; } = [];

    public override DraftContent ToContent() => base.ToContent() with { Standards = Standards.Select(s => s.Trim()).ToList() };
}

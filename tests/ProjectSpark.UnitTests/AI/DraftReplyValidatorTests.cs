using System.Text.Json;
using ProjectSpark.AI;

namespace ProjectSpark.UnitTests.AI;

public class DraftReplyValidatorTests
{
    private static readonly string[] Interests = ["guitar", "skateboarding"];

    public static DraftReplyIdea ValidIdea(string interest = "guitar") => new()
    {
        Title = "Sound of the skate park",
        DrivingQuestion = "How can we map the sounds of our town?",
        Summary = "Record, edit and publish a sound map.",
        Milestones = [new() { Title = "Plan", Week = 1 }, new() { Title = "Record", Week = 2 }, new() { Title = "Publish", Week = 4 }],
        FinalProduct = "A public sound map",
        Audience = "Local skaters and the town council",
        Skills = ["audio editing", "interviewing"],
        EstimatedHours = 20,
        Materials = ["phone"],
        WhyItFits = $"Builds on their love of {interest}.",
        ConversationStarters = ["What sound do you love most?", "Where would you record first?"],
    };

    [Fact]
    public void AReplyWithTheRightNumberOfCompleteIdeasIsValid()
    {
        var reply = new DraftReply { Ideas = [ValidIdea(), ValidIdea("Skateboarding")] };
        Assert.Empty(DraftReplyValidator.Validate(reply, 2, Interests));
    }

    [Fact]
    public void TheWrongCountMissingFieldsAndBadMilestonesAreAllListed()
    {
        var idea = ValidIdea();
        idea.Title = " ";
        idea.Milestones = [new() { Title = "A", Week = 2 }, new() { Title = "B", Week = 2 }];
        idea.ConversationStarters = ["only one"];
        var errors = DraftReplyValidator.Validate(new DraftReply { Ideas = [idea] }, 2, Interests);
        Assert.Contains("Expected exactly 2 ideas, got 1.", errors);
        Assert.Contains("ideas[0].title is required.", errors);
        Assert.Contains(errors, e => e.StartsWith("ideas[0].milestones must have 3 to 6", StringComparison.Ordinal));
        Assert.Contains("ideas[0].milestones weeks must be strictly ascending.", errors);
        Assert.Contains(errors, e => e.StartsWith("ideas[0].conversationStarters must have 2 to 3", StringComparison.Ordinal));
    }

    [Fact]
    public void WhyItFitsMustNameOneOfTheStudentsActualInterests()
    {
        var errors = DraftReplyValidator.Validate(new DraftReply { Ideas = [ValidIdea("chess")] }, 1, Interests);
        var error = Assert.Single(errors);
        Assert.Contains("whyItFits must name at least one of the student's interests", error);
        Assert.Contains("\"guitar\"", error);
    }

    [Fact]
    public void OverlongTextIsRejected()
    {
        var idea = ValidIdea();
        idea.Summary = new string('x', 3001);
        Assert.Contains("ideas[0].summary must be at most 3000 characters.", DraftReplyValidator.Validate(new DraftReply { Ideas = [idea] }, 1, Interests));
    }

    [Fact]
    public void JsonWithoutIdeasIsInvalidRatherThanEmpty()
    {
        var reply = JsonSerializer.Deserialize<DraftReply>("""{"ideas":null}""");
        Assert.Equal(["The reply has no 'ideas' array."], DraftReplyValidator.Validate(reply, 1, Interests));
    }

    [Theory]
    [InlineData("Aligned to MS-PS2-2 and the forces unit")]
    [InlineData("Covers CCSS.MATH.CONTENT.7.RP.A.1 ratios")]
    [InlineData("Practises RL.8.1 close reading")]
    [InlineData("Meets 7.RP.A.2 on proportional relationships")]
    [InlineData("Builds on K-ESS3-1 ideas about weather")]
    public void AStandardsCodeWrittenIntoAStudentsProjectIsRefused(string summary)
    {
        var idea = ValidIdea();
        idea.Summary = summary;
        var errors = DraftReplyValidator.Validate(new DraftReply { Ideas = [idea] }, 1, Interests);
        Assert.Contains(errors, e => e.Contains("standards codes"));
    }

    [Theory]
    [InlineData("Record a 3-D sound map of the skate park in 2026")]
    [InlineData("Use a 4.5-star rating scale and a COVID-19 timeline")]
    [InlineData("Mix it in GarageBand 10.4 at 1.5x speed")]
    public void OrdinaryNumbersAndVersionsAreNotMistakenForStandards(string summary)
    {
        var idea = ValidIdea();
        idea.Summary = summary;
        Assert.Empty(DraftReplyValidator.Validate(new DraftReply { Ideas = [idea] }, 1, Interests));
    }

    [Fact]
    public void AClassProjectMayMentionTheTeachersStandardsButNoOthers()
    {
        ClassDraftReplyIdea Idea(string summary) => new()
        {
            Title = "Forces at the skate park", DrivingQuestion = "How do forces shape a trick?", Summary = summary,
            Milestones = [new() { Title = "Plan", Week = 1 }, new() { Title = "Test", Week = 2 }, new() { Title = "Share", Week = 3 }],
            FinalProduct = "A video", Audience = "Families", Skills = ["physics"], EstimatedHours = 10, Materials = [],
            WhyItFits = "Many of you named skateboarding.", ConversationStarters = ["What trick?", "Why?"], Standards = ["MS-PS2-2"],
        };
        Assert.Empty(DraftReplyValidator.ValidateClass(new ClassDraftReply { Ideas = [Idea("Works on MS-PS2-2 with real tricks.")] }, 1, Interests, ["MS-PS2-2"]));
        var errors = DraftReplyValidator.ValidateClass(new ClassDraftReply { Ideas = [Idea("Works on MS-PS2-2 and MS-PS3-1.")] }, 1, Interests, ["MS-PS2-2"]);
        Assert.Contains(errors, e => e.Contains("MS-PS3-1") && !e.Contains("(MS-PS2-2"));
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.SemanticKernel;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Students;

namespace ProjectSpark.AI;

/// <summary>
/// Turns a DraftBrief into the prompt's variables. Student-written text is data: every value is length-capped,
/// stripped of control characters and JSON-encoded (quoted and escaped), and the template puts it between
/// BEGIN/END STUDENT DATA markers. Semantic Kernel additionally encodes "&lt;" in values, so text such as
/// "&lt;/message&gt;&lt;message role=system&gt;" cannot open a message of its own.
/// </summary>
public static class DraftPromptInputs
{
    public const string None = "none";

    // Readable non-Latin text for the model; quotes, backslashes and control characters are still escaped.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static KernelArguments For(DraftBrief brief, PromptExecutionSettings settings, IReadOnlyList<string>? corrections = null) =>
        new(settings)
        {
            ["count"] = brief.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pseudonym"] = brief.Pseudonym,
            ["grade_level"] = brief.GradeLevel == 0 ? "kindergarten" : brief.GradeLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["interests"] = JsonSerializer.Serialize(Interests(brief), Json),
            ["strengths"] = Data(brief.Strengths, Student.MaxProfileTextLength),
            ["constraints"] = Data(brief.Constraints, Student.MaxProfileTextLength),
            ["focus"] = Data(brief.Focus, IdeaRequest.MaxFocusLength),
            ["feedback"] = Data(brief.ReviewerFeedback, IdeaRequest.MaxFeedbackLength),
            ["examples"] = Examples(brief.Examples),
            ["earlier_draft"] = brief.EarlierDraft is { } earlier ? Examples([earlier]) : None,
            ["corrections"] = corrections is { Count: > 0 } ? string.Join(" ", corrections.Take(20).Select(Clean)) : None,
        };

    /// <summary>The conversation-starters function's variables: the project as approved, grade level and interests, all as data.</summary>
    public static KernelArguments ForStarters(Features.Reviews.DraftContent project, int gradeLevel, IReadOnlyList<string> interests,
        PromptExecutionSettings settings, IReadOnlyList<string>? corrections = null) =>
        new(settings)
        {
            ["project"] = JsonSerializer.Serialize(new
            {
                title = Cap(Clean(project.Title), 200), drivingQuestion = Cap(Clean(project.DrivingQuestion), 300), summary = Cap(Clean(project.Summary), 1200),
                finalProduct = Cap(Clean(project.FinalProduct), 300), audience = Cap(Clean(project.Audience), 300),
            }, Json),
            ["grade_level"] = gradeLevel == 0 ? "kindergarten" : gradeLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["interests"] = JsonSerializer.Serialize(interests.Take(Student.MaxInterests).Select(i => Cap(Clean(i), Student.MaxInterestLength)), Json),
            ["corrections"] = corrections is { Count: > 0 } ? string.Join(" ", corrections.Take(20).Select(Clean)) : None,
        };

    /// <summary>A class unit's variables: teacher-written text and the interest counts are data, encoded like a student's.</summary>
    public static KernelArguments ForClass(ClassUnitBrief brief, PromptExecutionSettings settings, IReadOnlyList<string>? corrections = null) =>
        new(settings)
        {
            ["count"] = brief.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["unit"] = JsonSerializer.Serialize(Cap(Clean(brief.Unit), ClassUnit.MaxUnitLength), Json),
            ["subject"] = Data(brief.Subject, ClassUnit.MaxSubjectLength),
            ["grade_level"] = brief.GradeLevel == 0 ? "kindergarten" : brief.GradeLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["duration_weeks"] = brief.DurationWeeks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["standards"] = JsonSerializer.Serialize(Standards(brief), Json),
            ["student_count"] = brief.StudentCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["interests"] = JsonSerializer.Serialize(ClassInterests(brief).Select(i => new { interest = i.Interest, students = i.Students }), Json),
            ["feedback"] = Data(brief.ReviewerFeedback, IdeaRequest.MaxFeedbackLength),
            ["corrections"] = corrections is { Count: > 0 } ? string.Join(" ", corrections.Take(20).Select(Clean)) : None,
        };

    /// <summary>The class's interests exactly as the model sees them (capped and cleaned).</summary>
    public static IReadOnlyList<InterestCount> ClassInterests(ClassUnitBrief brief) =>
        brief.Interests.Take(Features.Classes.ClassInterests.Top)
            .Select(i => i with { Interest = Cap(Clean(i.Interest), Student.MaxInterestLength) }).Where(i => i.Interest.Length > 0).ToList();

    /// <summary>The teacher's standards exactly as the model sees them: the only codes a reply may carry.</summary>
    public static IReadOnlyList<string> Standards(ClassUnitBrief brief) =>
        brief.Standards.Take(ClassUnit.MaxStandards).Select(s => Cap(Clean(s), ClassUnit.MaxStandardLength)).Where(s => s.Length > 0).ToList();

    /// <summary>The interests exactly as the model sees them (capped and cleaned): whyItFits is checked against these.</summary>
    public static IReadOnlyList<string> Interests(DraftBrief brief) =>
        brief.Interests.Take(Student.MaxInterests).Select(i => Cap(Clean(i), Student.MaxInterestLength)).Where(i => i.Length > 0).ToList();

    /// <summary>Examples as a JSON array, each field capped: text the school approved, but still data, never instructions.</summary>
    private static string Examples(IReadOnlyList<ProjectExample>? examples) =>
        examples is not { Count: > 0 } ? None : JsonSerializer.Serialize(examples.Take(GroundingOptions.MaxExamples).Select(e => new
        {
            title = Cap(Clean(e.Title), 200),
            drivingQuestion = Cap(Clean(e.DrivingQuestion), 300),
            summary = Cap(Clean(e.Summary), 600),
        }), Json);

    private static string Data(string? text, int maxLength) =>
        string.IsNullOrWhiteSpace(text) ? None : JsonSerializer.Serialize(Cap(Clean(text), maxLength), Json);

    private static string Clean(string text) => new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();

    private static string Cap(string text, int maxLength) => text.Length <= maxLength ? text : text[..maxLength];
}

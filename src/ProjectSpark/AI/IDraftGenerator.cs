using ProjectSpark.Features.Reviews;

namespace ProjectSpark.AI;

/// <summary>
/// Everything a generator may know about a student, and nothing more: a per-request pseudonym, grade level,
/// interests, strengths/constraints, the request's focus and reviewer feedback. Never a name, email, id,
/// attendance, grade or flag: those do not exist on this type, so no generator can leak them.
/// </summary>
public sealed record DraftBrief(
    string Pseudonym,
    int GradeLevel,
    IReadOnlyList<string> Interests,
    string? Strengths,
    string? Constraints,
    string? Focus,
    string? ReviewerFeedback,
    IReadOnlyList<string> AvoidPatternIds,
    int Count,
    int Seed);

public sealed record GeneratedDraft(DraftContent Content, Provenance Provenance, string? PatternId);

public interface IDraftGenerator
{
    Task<IReadOnlyList<GeneratedDraft>> GenerateAsync(DraftBrief brief, CancellationToken ct);
}

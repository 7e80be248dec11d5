using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using ProjectSpark.AI;
using ProjectSpark.Data;
using ProjectSpark.Features.Classes;
using ProjectSpark.Features.Projects;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.Features.Ideas;

/// <summary>
/// Drafts the ideas of one request. Idempotent: a finished request is left alone, and the unique
/// (IdeaRequestId, Ordinal) index means a second concurrent run cannot add a second set of drafts.
/// The drafts and the "drafted" status are written in one SaveChanges, so nothing half-written is ever visible.
/// </summary>
public sealed class DraftIdeasJob(SparkDbContext db, IDraftGenerator generator, OfflineComposer offline,
    IEmbeddingGenerator<string, Embedding<float>> embeddings, SimilarProjects similar, GroundingOptions grounding,
    QualityAssessor quality, TimeProvider clock, ILogger<DraftIdeasJob> log)
{
    /// <summary>Hangfire's attempts for this job; the retry policy itself is HostRetryPolicy (delays are configuration).</summary>
    public const int MaxAttempts = 3;

    private sealed record SeenDraft(Guid Id, string Title, float[] Vector);

    public async Task RunAsync(Guid ideaRequestId, CancellationToken ct)
    {
        var request = await db.IdeaRequests.FirstOrDefaultAsync(r => r.Id == ideaRequestId, ct);
        if (request is null || request.IsFinished) return;
        request.StartAttempt(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another run moved the request on (drafted or failed) since we read it: that run owns it.
            log.LogInformation("Request {RequestId} was finished by another run; nothing to do", ideaRequestId);
            return;
        }

        try
        {
            var drafter = request.ForceOffline ? offline : generator;
            var set = request.ClassId is { } classId
                ? await DraftForClassAsync(drafter, request, classId, ct)
                : await DraftForStudentAsync(drafter, request, request.StudentId!.Value, ct);
            var (drafts, vectors, usage) = (set.Drafts, set.Vectors, set.Usage);

            var now = clock.GetUtcNow();
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = request.ClassId is { } forClass
                    ? ProjectDraft.ForClass(request.SchoolId, forClass, request.Id, i, drafts[i].Content, drafts[i].Provenance, vectors[i], now)
                    : new ProjectDraft(request.SchoolId, request.StudentId!.Value, request.Id, i, drafts[i].Content,
                        drafts[i].Provenance, vectors[i], now);
                draft.AttachQuality(quality.Assess(drafts[i].Content, set.Interests) with { NearDuplicateOf = set.Duplicates.GetValueOrDefault(i) });
                db.Drafts.Add(draft);
            }
            request.MarkDrafted(now, usage?.InputTokens, usage?.OutputTokens);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Drafted {Count} ideas for request {RequestId}", drafts.Count, request.Id);
        }
        catch (DbUpdateException) when (IsDuplicateDraftSet())
        {
            // Another run of this job saved the set first; the unique (request, ordinal) index refused ours.
            db.ChangeTracker.Clear();
            if (!await db.IdeaRequests.AnyAsync(r => r.Id == ideaRequestId && r.Status == IdeaRequestStatus.Drafted)) throw;
            log.LogInformation("Request {RequestId} was drafted by another run; nothing to do", ideaRequestId);
        }
        catch (DraftingRefusedException e)
        {
            await FailAsync(ideaRequestId, e.Message);
        }
        catch (DraftReplyInvalidException e)
        {
            await FailAsync(ideaRequestId, e.Message, e.Usage);
        }
        catch (Exception e) when (e is not OperationCanceledException && request.Attempts >= MaxAttempts)
        {
            log.LogError(e, "Drafting request {RequestId} failed after {Attempts} attempts", ideaRequestId, request.Attempts);
            await FailAsync(ideaRequestId, $"Drafting failed after {request.Attempts} attempts: {e.Message}. Request the ideas again to retry.");
        }
    }

    private sealed record DraftSet(List<GeneratedDraft> Drafts, List<float[]> Vectors, IReadOnlyList<string> Interests,
        Dictionary<int, NearDuplicate> Duplicates, TokenUsage? Usage);

    private async Task<DraftSet> DraftForStudentAsync(IDraftGenerator drafter, IdeaRequest request, Guid studentId, CancellationToken ct)
    {
        var student = await db.Students.AsNoTracking().FirstAsync(s => s.Id == studentId, ct);
        var earlier = await db.Drafts.AsNoTracking().Where(d => d.StudentId == student.Id)
            .Select(d => new { d.Id, d.Original, d.Provenance, d.Embedding }).ToListAsync(ct);
        var brief = new DraftBrief(Pseudonym(request.Id), student.GradeLevel, student.Interests, student.Strengths,
            student.Constraints, request.Focus, request.Feedback, PatternIds(earlier.Select(d => d.Provenance)),
            request.Count, request.Seed, await ExamplesAsync(request, student.Interests, ct), await EarlierDraftAsync(request, ct));
        var seen = earlier.Where(d => d.Embedding is not null).Select(d => new SeenDraft(d.Id, d.Original.Title, d.Embedding!.ToArray())).ToList();

        var drafts = (await drafter.GenerateAsync(brief, ct)).ToList();
        var vectors = await EmbedAsync(drafts, ct);
        var usage = drafts.FirstOrDefault()?.SetUsage;
        var duplicates = await ReplaceNearDuplicatesAsync(drafter, brief, drafts, vectors, seen, u => usage = usage is null ? u : usage + u, ct);
        return new DraftSet(drafts, vectors, student.Interests, duplicates, usage);
    }

    /// <summary>The draft a reviewer asked to redo, as drafted (their edits may name the student, so they stay here).</summary>
    private async Task<ProjectExample?> EarlierDraftAsync(IdeaRequest request, CancellationToken ct)
    {
        if (request.RegeneratedFromDraftId is not { } from) return null;
        var earlier = await db.Drafts.AsNoTracking().Where(d => d.Id == from).Select(d => d.Original).FirstOrDefaultAsync(ct);
        return earlier is null ? null : new ProjectExample(earlier.Title, earlier.DrivingQuestion, earlier.Summary);
    }

    /// <summary>The class's interests go to the generator as counts only; the quality check runs against the same interests.</summary>
    private async Task<DraftSet> DraftForClassAsync(IDraftGenerator drafter, IdeaRequest request, Guid classId, CancellationToken ct)
    {
        var unit = request.ClassUnit!;
        var (interests, studentCount) = await ClassInterests.AggregateAsync(db, classId, ct);
        var seen = await db.Drafts.AsNoTracking().Where(d => d.ClassId == classId).Select(d => d.Provenance).ToListAsync(ct);
        var brief = new ClassUnitBrief(unit.Unit, unit.Subject, unit.GradeLevel, unit.Standards, unit.DurationWeeks, interests, studentCount,
            request.Feedback, PatternIds(seen), request.Count, request.Seed);
        var drafts = (await drafter.GenerateForClassAsync(brief, ct)).ToList();
        return new DraftSet(drafts, await EmbedAsync(drafts, ct), interests.Select(i => i.Interest).ToList(), [], drafts.FirstOrDefault()?.SetUsage);
    }

    private static List<string> PatternIds(IEnumerable<Provenance> seen) =>
        seen.Select(p => p.PromptVersion.Split('#').ElementAtOrDefault(1)).OfType<string>().Distinct().ToList();

    /// <summary>
    /// The school's approved projects closest to the student's interests and focus, as examples for the generator:
    /// title, driving question and summary as drafted (the reviewer's edits may name the student, so they stay here).
    /// </summary>
    private async Task<IReadOnlyList<ProjectExample>> ExamplesAsync(IdeaRequest request, IReadOnlyList<string> interests, CancellationToken ct)
    {
        if (grounding.Examples == 0 || interests.Count == 0) return [];
        var text = string.Join(", ", interests) + (request.Focus is { } focus ? $". {focus}" : "");
        var found = await similar.FindAsync(request.SchoolId, text, grounding.Examples, ct);
        return found.Select(s => new ProjectExample(s.Draft.Original.Title, s.Draft.Original.DrivingQuestion, s.Draft.Original.Summary)).ToList();
    }

    /// <summary>
    /// Drafts too close to one the student was already shown are asked for once more (the missing count); a
    /// replacement that is still too close, or a failed second call, leaves the draft in place, flagged for the reviewer.
    /// Returns the flags by position in the set.
    /// </summary>
    private async Task<Dictionary<int, NearDuplicate>> ReplaceNearDuplicatesAsync(IDraftGenerator drafter, DraftBrief brief,
        List<GeneratedDraft> drafts, List<float[]> vectors, List<SeenDraft> seen, Action<TokenUsage> addUsage, CancellationToken ct)
    {
        var flags = new Dictionary<int, NearDuplicate>();
        for (var i = 0; i < drafts.Count; i++)
            if (Nearest(vectors[i], seen) is { } near) flags[i] = near;
        if (flags.Count == 0) return flags;

        var positions = flags.Keys.Order().ToList();
        try
        {
            var again = await drafter.GenerateAsync(brief with
            {
                Count = positions.Count,
                Seed = brief.Seed + 1,
                AvoidPatternIds = brief.AvoidPatternIds.Concat(drafts.Select(d => d.PatternId).OfType<string>()).Distinct().ToList(),
            }, ct);
            if (again.FirstOrDefault()?.SetUsage is { } more) addUsage(more);
            var againVectors = await EmbedAsync(again, ct);
            for (var j = 0; j < Math.Min(again.Count, positions.Count); j++)
            {
                if (Nearest(againVectors[j], seen) is not null) continue;
                drafts[positions[j]] = again[j];
                vectors[positions[j]] = againVectors[j];
                flags.Remove(positions[j]);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Drafting replacements for {Count} near-duplicates failed ({Reason}); they are kept and flagged", positions.Count, e.Message);
        }
        return flags;
    }

    private NearDuplicate? Nearest(float[] vector, List<SeenDraft> seen)
    {
        if (seen.Count == 0) return null;
        var best = seen.Select(s => (Draft: s, Similarity: (double)Vectors.Cosine(vector, s.Vector))).MaxBy(s => s.Similarity);
        return best.Similarity > grounding.DuplicateThreshold
            ? new NearDuplicate(best.Draft.Id, best.Draft.Title, Math.Round(best.Similarity, 4)) : null;
    }

    private async Task<List<float[]>> EmbedAsync(IReadOnlyList<GeneratedDraft> drafts, CancellationToken ct) =>
        drafts.Count == 0 ? [] : (await embeddings.GenerateAsync(drafts.Select(d => EmbeddingText(d.Content)), cancellationToken: ct))
            .Select(e => e.Vector.ToArray()).ToList();

    /// <summary>A stand-in name for the student that changes with every request and reveals nothing about them.</summary>
    public static string Pseudonym(Guid requestId) =>
        "Student " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(requestId.ToString())))[..6];

    public static string EmbeddingText(DraftContent c) => $"{c.Title}. {c.DrivingQuestion} {c.Summary}";

    private bool IsDuplicateDraftSet() => db.ChangeTracker.Entries<ProjectDraft>().Any(e => e.State == EntityState.Added);

    private async Task FailAsync(Guid id, string reason, TokenUsage? usage = null)
    {
        db.ChangeTracker.Clear();
        var request = await db.IdeaRequests.FirstAsync(r => r.Id == id);
        if (request.IsFinished) return;
        request.MarkFailed(reason, clock.GetUtcNow(), usage?.InputTokens, usage?.OutputTokens);
        await db.SaveChangesAsync();
    }
}

/// <summary>At startup, puts every request left queued or drafting back on the queue: a restart loses nothing.</summary>
public static class IdeaRecovery
{
    public static async Task<int> RequeueUnfinishedAsync(SparkDbContext db, IBackgroundJobClient jobs, CancellationToken ct = default)
    {
        var open = await db.IdeaRequests.Where(r => r.Status == IdeaRequestStatus.Queued || r.Status == IdeaRequestStatus.Drafting)
            .Select(r => r.Id).ToListAsync(ct);
        foreach (var id in open) IdeaQueue.Enqueue(jobs, id);
        return open.Count;
    }
}

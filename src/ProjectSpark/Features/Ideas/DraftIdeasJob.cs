using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using ProjectSpark.AI;
using ProjectSpark.Data;
using ProjectSpark.Features.Classes;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.Features.Ideas;

/// <summary>
/// Drafts the ideas of one request. Idempotent: a finished request is left alone, and the unique
/// (IdeaRequestId, Ordinal) index means a second concurrent run cannot add a second set of drafts.
/// The drafts and the "drafted" status are written in one SaveChanges, so nothing half-written is ever visible.
/// </summary>
public sealed class DraftIdeasJob(SparkDbContext db, IDraftGenerator generator,
    IEmbeddingGenerator<string, Embedding<float>> embeddings, QualityAssessor quality, TimeProvider clock, ILogger<DraftIdeasJob> log)
{
    /// <summary>Hangfire's attempts for this job; the retry policy itself is HostRetryPolicy (delays are configuration).</summary>
    public const int MaxAttempts = 3;

    public async Task RunAsync(Guid ideaRequestId, CancellationToken ct)
    {
        var request = await db.IdeaRequests.FirstOrDefaultAsync(r => r.Id == ideaRequestId, ct);
        if (request is null || request.IsFinished) return;
        request.StartAttempt(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);

        try
        {
            var (drafts, interests) = request.ClassId is { } classId
                ? await DraftForClassAsync(request, classId, ct)
                : await DraftForStudentAsync(request, request.StudentId!.Value, ct);
            var vectors = await embeddings.GenerateAsync(drafts.Select(d => EmbeddingText(d.Content)), cancellationToken: ct);
            var now = clock.GetUtcNow();
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = request.ClassId is { } forClass
                    ? ProjectDraft.ForClass(request.SchoolId, forClass, request.Id, i, drafts[i].Content, drafts[i].Provenance, vectors[i].Vector.ToArray(), now)
                    : new ProjectDraft(request.SchoolId, request.StudentId!.Value, request.Id, i, drafts[i].Content,
                        drafts[i].Provenance, vectors[i].Vector.ToArray(), now);
                draft.AttachQuality(quality.Assess(drafts[i].Content, interests));
                db.Drafts.Add(draft);
            }
            var usage = drafts.FirstOrDefault()?.SetUsage;
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

    private async Task<(IReadOnlyList<GeneratedDraft>, IReadOnlyList<string>)> DraftForStudentAsync(IdeaRequest request, Guid studentId, CancellationToken ct)
    {
        var student = await db.Students.AsNoTracking().FirstAsync(s => s.Id == studentId, ct);
        var seen = await db.Drafts.AsNoTracking().Where(d => d.StudentId == student.Id).Select(d => d.Provenance).ToListAsync(ct);
        var brief = new DraftBrief(Pseudonym(request.Id), student.GradeLevel, student.Interests, student.Strengths,
            student.Constraints, request.Focus, request.Feedback, PatternIds(seen), request.Count, request.Seed);
        return (await generator.GenerateAsync(brief, ct), student.Interests);
    }

    /// <summary>The class's interests go to the generator as counts only; the quality check runs against the same interests.</summary>
    private async Task<(IReadOnlyList<GeneratedDraft>, IReadOnlyList<string>)> DraftForClassAsync(IdeaRequest request, Guid classId, CancellationToken ct)
    {
        var unit = request.ClassUnit!;
        var (interests, studentCount) = await ClassInterests.AggregateAsync(db, classId, ct);
        var seen = await db.Drafts.AsNoTracking().Where(d => d.ClassId == classId).Select(d => d.Provenance).ToListAsync(ct);
        var brief = new ClassUnitBrief(unit.Unit, unit.Subject, unit.GradeLevel, unit.Standards, unit.DurationWeeks, interests, studentCount,
            request.Feedback, PatternIds(seen), request.Count, request.Seed);
        return (await generator.GenerateForClassAsync(brief, ct), interests.Select(i => i.Interest).ToList());
    }

    private static List<string> PatternIds(IEnumerable<Provenance> seen) =>
        seen.Select(p => p.PromptVersion.Split('#').ElementAtOrDefault(1)).OfType<string>().Distinct().ToList();

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

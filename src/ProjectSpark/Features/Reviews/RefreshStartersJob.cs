using Microsoft.EntityFrameworkCore;
using ProjectSpark.AI;
using ProjectSpark.Data;
using ProjectSpark.Features.Classes;

namespace ProjectSpark.Features.Reviews;

/// <summary>
/// After a reviewer edits a project at approval, the conversation starters written for the original may no longer
/// fit: with a model configured, they are written again for the project as approved (prompts/conversation-starters.yaml),
/// from its text, the grade level and interests only. Takes the draft id; a failure leaves the original starters.
/// </summary>
public sealed class RefreshStartersJob(SparkDbContext db, IServiceProvider services, ILogger<RefreshStartersJob> log)
{
    public async Task RunAsync(Guid draftId, CancellationToken ct)
    {
        if (services.GetService<IConversationStarterWriter>() is not { } writer) return;
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == draftId, ct);
        if (draft is null || draft.Edits is null || draft.Status is not (DraftStatus.Approved or DraftStatus.Delivered)) return;

        int grade;
        IReadOnlyList<string> interests;
        if (draft.ClassId is { } classId)
        {
            var unit = await db.IdeaRequests.AsNoTracking().Where(r => r.Id == draft.IdeaRequestId).Select(r => r.ClassUnit).FirstAsync(ct);
            grade = unit!.GradeLevel;
            interests = (await ClassInterests.AggregateAsync(db, classId, ct)).Interests.Select(i => i.Interest).ToList();
        }
        else
        {
            var student = await db.Students.AsNoTracking().Where(s => s.Id == draft.StudentId).Select(s => new { s.GradeLevel, s.Interests }).FirstAsync(ct);
            (grade, interests) = (student.GradeLevel, student.Interests);
        }
        var starters = await writer.WriteAsync(draft.Current, grade, interests, ct);
        draft.ReviseStarters(starters);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Conversation starters of draft {DraftId} written again for the edited project", draftId);
    }
}

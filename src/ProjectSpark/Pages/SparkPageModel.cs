using ProjectSpark.Features.Ideas;
using ProjectSpark.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Pages;

/// <summary>
/// Pages call the same handlers as the API (same rules, same object-level authorization). A refused action is
/// shown to the person as a message, and the page is shown again (post/redirect/get).
/// </summary>
public abstract class SparkPageModel : PageModel
{
    /// <summary>What a page polls while drafting runs: the request's status, with the same access rules as the API.</summary>
    protected async Task<IActionResult> IdeaStatusAsync(Guid id, SparkDbContext db, IAuthorizationService auth, CancellationToken ct)
    {
        try
        {
            var status = (await IdeasApi.GetIdeaRequest(id, User, db, auth, ct)).Value!;
            return new JsonResult(new { status.Status, draftCount = status.DraftIds.Count, status.Error });
        }
        catch (DomainException e)
        {
            return StatusCode(e.Status);
        }
    }

    /// <summary>Only what the reviewer actually changed in the approve form counts as an edit.</summary>
    protected static DraftEdits? EditsFrom(DraftResponse current, string? title, string? drivingQuestion, string? summary,
        string? finalProduct, string? audience)
    {
        string? Changed(string? value, string original) => value is null || value.Trim() == original ? null : value;
        var edits = new DraftEdits(Changed(title, current.Title), Changed(drivingQuestion, current.DrivingQuestion),
            Changed(summary, current.Summary), Changed(finalProduct, current.FinalProduct), Changed(audience, current.Audience));
        return edits.IsEmpty ? null : edits;
    }

    protected async Task<IActionResult> Act(Func<Task> action, string notice, object? routeValues = null)
    {
        try
        {
            await action();
            TempData["Notice"] = notice;
        }
        catch (RequestValidationException e)
        {
            TempData["Error"] = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        return RedirectToPage(routeValues);
    }
}

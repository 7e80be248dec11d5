using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Pages;

/// <summary>
/// Pages call the same handlers as the API (same rules, same object-level authorization). A refused action is
/// shown to the person as a message, and the page is shown again (post/redirect/get).
/// </summary>
public abstract class SparkPageModel : PageModel
{
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

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Pages;

/// <summary>Sends each person to their home.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (!User.HasClaim(c => c.Type == SparkClaims.UserId)) return Redirect(User.Identity?.IsAuthenticated == true ? "/denied" : "/sign-in");
        if (User.IsStudent()) return Redirect("/student");
        if (User.IsInRole(SparkClaims.Mentor)) return Redirect("/mentor");
        if (User.IsAdmin()) return Redirect("/admin");
        return Redirect("/teacher");
    }
}

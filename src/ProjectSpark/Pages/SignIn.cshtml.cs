using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProjectSpark.Pages;

public sealed class SignInModel(IHostEnvironment env) : PageModel
{
    public bool IsDevelopment => env.IsDevelopment();

    public static readonly (string Email, string Who)[] DemoAccounts =
    [
        ("student1@spark.test", "Maya (student)"), ("student2@spark.test", "Jordan (student)"),
        ("mentor1@spark.test", "Ms. Rivera (mentor, teacher)"), ("mentor2@spark.test", "Mr. Okafor (mentor)"),
        ("teacher@spark.test", "Mrs. Dubois (teacher)"), ("admin@spark.test", "Alex Morgan (counselor, admin)"),
    ];

    public void OnGet() { }
}

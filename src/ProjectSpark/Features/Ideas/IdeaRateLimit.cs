using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.RateLimiting;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Ideas;

/// <summary>
/// Each idea request may cost model tokens, so each signed-in user may make at most
/// RateLimiting:IdeaRequestsPerUserPerMinute of them (requests and regenerations together) per minute, counted
/// together whether they come through the API or a page. A page carrying this policy is limited only on the
/// handlers that start drafting (<see cref="PageHandlers"/>); its other posts and its views are free.
/// </summary>
public static class IdeaRateLimit
{
    public const string Policy = "idea-requests";
    public const int DefaultPerMinute = 10;
    public static readonly HashSet<string> PageHandlers = new(["Request", "Regenerate", "RedraftOffline", "RequestClassIdeas"], StringComparer.OrdinalIgnoreCase);

    private static bool StartsDrafting(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") ||
        (HttpMethods.IsPost(http.Request.Method) && PageHandlers.Contains(http.Request.Query["handler"].ToString()));

    public static IServiceCollection AddIdeaRequestRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("RateLimiting:IdeaRequestsPerUserPerMinute", DefaultPerMinute);
        if (perMinute < 1) throw new InvalidOperationException("RateLimiting:IdeaRequestsPerUserPerMinute must be at least 1.");
        return services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => StartsDrafting(http)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.User.FindFirstValue(SparkClaims.UserId) ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("free"));
            o.OnRejected = (context, ct) => RejectAsync(context, perMinute);
        });
    }

    /// <summary>A refusal is not an exception, so it is written here, in the same ProblemDetails shape as every other error.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, int perMinute)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var http = context.HttpContext;
        var detail = $"You can request ideas at most {perMinute} times a minute. Try again in {seconds} seconds.";
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            // A person on a page gets the page back with the reason, like any other refused action.
            var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
            tempData["Error"] = detail;
            tempData.Save();
            http.Response.Redirect(http.Request.PathBase + http.Request.Path);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests",
                Detail = detail,
            },
        });
    }
}

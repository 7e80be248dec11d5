using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ProjectSpark.Infrastructure;

/// <summary>The one place where exceptions become RFC 9457 responses. Handlers throw; they never translate.</summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, IHostEnvironment env,
    ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // Pages get the friendly error page (UseExceptionHandler("/error")), never a stack trace.
        // By now the request path is already "/error"; the original one is on the feature.
        var path = http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path;
        if (!IsApi(path))
        {
            log.LogError(exception, "Unhandled exception for page {Path}", path);
            return false;
        }
        ProblemDetails problem = exception switch
        {
            RequestValidationException v => new ValidationProblemDetails(v.Errors) { Status = v.Status, Title = "Invalid request", Detail = v.Message },
            DomainException d => new ProblemDetails { Status = d.Status, Title = TitleFor(d.Status), Detail = d.Message },
            BadHttpRequestException b => FromBadRequest(b),
            DbUpdateConcurrencyException => new ProblemDetails { Status = 409, Title = "Conflict",
                Detail = "Someone else changed this record at the same time. Reload it and try again." },
            DbUpdateException u when IsUniqueViolation(u) => new ProblemDetails { Status = 409, Title = "Conflict",
                Detail = "This conflicts with an existing record (for example, an email already in use)." },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong",
                 Detail = env.IsDevelopment() ? exception.ToString() : "An unexpected error occurred. It has been logged." },
        };
        if (problem.Status >= 500) log.LogError(exception, "Unhandled exception for {Path}", path);
        http.Response.StatusCode = problem.Status ?? 500;
        if (exception is TooManyRequestsException tooMany)
            http.Response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        problem.Instance ??= path;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/health");

    private static ProblemDetails FromBadRequest(BadHttpRequestException b)
    {
        if (b.InnerException is JsonException json)
        {
            var unmapped = UnmappedProperty().Match(json.Message);
            var field = unmapped.Success ? unmapped.Groups[1].Value
                : string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            var message = unmapped.Success
                ? $"'{field}' is not a field of this request; it cannot be set by a caller."
                : $"The value of '{field}' is not valid JSON of the expected type.";
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
                { Status = 400, Title = "Invalid request", Detail = "The request body could not be read." };
        }
        // A route or query value that does not convert ("Failed to bind parameter "Nullable<int> k" from "abc".") names its parameter.
        if (BindingFailure().Match(b.Message) is { Success: true } binding)
        {
            var name = binding.Groups["name"].Value;
            var type = binding.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>');
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [name] = [$"'{name}' must be a valid {type}."] })
                { Status = b.StatusCode, Title = "Invalid request", Detail = $"The parameter '{name}' could not be read." };
        }
        var detail = b.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "A JSON request body is required." : b.Message;
        return new ValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [detail] })
            { Status = b.StatusCode, Title = "Invalid request", Detail = detail };
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException lite => lite.SqliteErrorCode == 19 && lite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        _ => false,
    };

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("""^(?:Failed to bind|Required) parameter "(?<type>[^"]+) (?<name>[A-Za-z_][A-Za-z0-9_]*)" """)]
    private static partial Regex BindingFailure();

    private static string TitleFor(int status) => status switch
    {
        400 => "Invalid request",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        429 => "Too many requests",
        _ => "Error",
    };
}

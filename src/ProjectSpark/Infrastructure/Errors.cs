namespace ProjectSpark.Infrastructure;

/// <summary>A request that breaks a domain rule (an invalid state transition, a duplicate): 409 unless said otherwise.</summary>
public class DomainException(string detail, int status = StatusCodes.Status409Conflict) : Exception(detail)
{
    public int Status { get; } = status;
}

public sealed class NotFoundException(string what) : DomainException($"{what} was not found.", StatusCodes.Status404NotFound);

public sealed class ForbiddenException(string detail = "You do not have access to this resource.")
    : DomainException(detail, StatusCodes.Status403Forbidden);

/// <summary>A limit is used up for now (429): the response says when to try again in Retry-After.</summary>
public sealed class TooManyRequestsException(string detail, int retryAfterSeconds)
    : DomainException(detail, StatusCodes.Status429TooManyRequests)
{
    public int RetryAfterSeconds { get; } = Math.Max(1, retryAfterSeconds);
}

/// <summary>Field errors for a 400 ValidationProblemDetails; keys are the camelCase JSON field names.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : DomainException("One or more fields are invalid.", StatusCodes.Status400BadRequest)
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public RequestValidationException(string field, string error) : this(new Dictionary<string, string[]> { [field] = [error] }) { }
}

/// <summary>Collects field errors, then throws them all at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public FieldErrors Add(string field, string error)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(error);
        return this;
    }

    public FieldErrors When(bool condition, string field, string error) => condition ? Add(field, error) : this;

    public FieldErrors Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"'{field}' is required.");
        return Optional(value, field, maxLength);
    }

    /// <summary>Too long, or holding a NUL character (which PostgreSQL text cannot store), is the caller's fault.</summary>
    public FieldErrors Optional(string? value, string field, int maxLength) => value switch
    {
        null => this,
        { Length: var length } when length > maxLength => Add(field, $"'{field}' must be at most {maxLength} characters."),
        _ => When(value.Contains('\0'), field, $"'{field}' cannot contain the NUL character (\\u0000)."),
    };

    /// <summary>Absent is fine; present means 1-maxLength characters that are not all blank.</summary>
    public FieldErrors IfPresent(string? value, string field, int maxLength) => value is not null && value.Trim().Length == 0
        ? Add(field, $"'{field}' must be 1-{maxLength} characters.")
        : Optional(value, field, maxLength);

    public FieldErrors Email(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"'{field}' is required.");
        var at = value.IndexOf('@');
        return When(value.Length > 254 || at < 1 || at == value.Length - 1 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)),
            field, $"'{field}' must be a valid email address.");
    }

    /// <summary>A list of interests in someone's own words: at most 20, each 1-60 characters, no control characters.</summary>
    public FieldErrors Interests(string[]? items, string field, bool required = true)
    {
        if (items is null) return When(required, field, $"'{field}' is required (an empty list clears them).");
        When(items.Length > Features.Students.Student.MaxInterests, field, $"At most {Features.Students.Student.MaxInterests} interests.");
        for (var i = 0; i < items.Length; i++)
        {
            var value = items[i]?.Trim();
            When(string.IsNullOrEmpty(value) || value.Length > Features.Students.Student.MaxInterestLength,
                $"{field}[{i}]", $"Each interest must be 1-{Features.Students.Student.MaxInterestLength} characters.");
            When(value is not null && value.Any(char.IsControl), $"{field}[{i}]", "Interests cannot contain control characters.");
        }
        return this;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}

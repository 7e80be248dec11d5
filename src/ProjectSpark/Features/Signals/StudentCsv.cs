using CsvHelper;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Signals;

/// <summary>
/// A CSV of rows about students (attendance, course grades), read forward-only as a stream: the header must name
/// the columns the import needs plus email or studentId, and each row's student is found at the admin's school.
/// </summary>
public sealed class StudentCsv : IAsyncDisposable
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, Guid> _byEmail;
    private readonly HashSet<Guid> _ids;
    private bool _pending;

    private StudentCsv(CsvReader csv, bool firstRow, Dictionary<string, Guid> byEmail, HashSet<Guid> ids, bool hasEmail)
    {
        (_csv, _pending, _byEmail, _ids, HasEmailColumn) = (csv, firstRow, byEmail, ids, hasEmail);
    }

    public bool HasEmailColumn { get; }
    /// <summary>The field a row error names when its student is not found.</summary>
    public string StudentField => HasEmailColumn ? "email" : "studentId";
    public int Line => (int)_csv.LineNumber;

    /// <param name="columns">The columns the import needs besides email or studentId, in lower case.</param>
    public static async Task<StudentCsv> OpenAsync(Stream body, Guid school, SparkDbContext db, string[] columns, CancellationToken ct)
    {
        var students = await db.Students.AsNoTracking().Where(s => s.SchoolId == school).Select(s => new { s.Id, s.Email }).ToListAsync(ct);
        var csv = CsvReader.Create(body, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true }, true);
        var firstRow = await csv.ReadAsync(ct);
        var headers = (csv.Headers ?? []).Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        var wanted = $"email (or studentId), {string.Join(", ", columns)}";
        if (headers.Count == 0)
        {
            await csv.DisposeAsync();
            throw new RequestValidationException("body", $"The CSV is empty: it needs a header row ({wanted}).");
        }
        if (!columns.All(headers.Contains) || !(headers.Contains("email") || headers.Contains("studentid")))
        {
            await csv.DisposeAsync();
            throw new RequestValidationException("body", $"The header must name the columns {wanted}.");
        }
        return new StudentCsv(csv, firstRow, students.ToDictionary(s => s.Email, s => s.Id), students.Select(s => s.Id).ToHashSet(), headers.Contains("email"));
    }

    public async Task<bool> ReadAsync(CancellationToken ct)
    {
        if (_pending)
        {
            _pending = false;
            return true;
        }
        return await _csv.ReadAsync(ct);
    }

    public string? Field(string name) => _csv.TryGetFieldIndex(name, out var i) ? _csv.GetStringOrNull(i)?.Trim() : null;

    /// <summary>The row's student at this school, by email (preferred) or id; null when there is none.</summary>
    public Guid? Student()
    {
        if (Field("email") is { Length: > 0 } email) return _byEmail.TryGetValue(Emails.Normalize(email), out var id) ? id : null;
        return Guid.TryParse(Field("studentId"), out var sid) && _ids.Contains(sid) ? sid : null;
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}

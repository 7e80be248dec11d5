using CsvHelper;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Roster;

/// <summary>
/// One roster CSV read forward-only. Headers match ignoring case; empty header cells (trailing commas, as some
/// exporters write) are ignored, and a row shorter than the header reads its missing fields as empty.
/// A missing required column is a 400 naming the file, before any row is read. A row with a NUL character or an
/// over-long value in a column we read is reported as a row error (file, line, column) and skipped.
/// </summary>
public sealed class RosterCsv : IAsyncDisposable
{
    /// <summary>No roster value we keep is longer (sourcedId is the longest column, at 255).</summary>
    public const int MaxFieldLength = 255;

    private readonly CsvReader _csv;
    private readonly RosterTally _tally;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private bool _hasRow;

    public string File { get; }
    public int Line => (int)_csv.LineNumber;

    private RosterCsv(string file, CsvReader csv, RosterTally tally)
    {
        File = file;
        _csv = csv;
        _tally = tally;
    }

    public static async Task<RosterCsv> OpenAsync(string file, Stream stream, string[] required, RosterTally tally, CancellationToken ct)
    {
        var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true }, false);
        var reader = new RosterCsv(file, csv, tally);
        reader._hasRow = await csv.ReadAsync(ct);
        var headers = csv.Headers ?? [];
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i]?.Trim().TrimStart('\uFEFF') ?? "";
            if (name.Length > 0) reader._columns.TryAdd(name, i);
        }
        var missing = required.Where(r => !reader._columns.ContainsKey(r)).ToArray();
        if (missing.Length > 0)
        {
            await reader.DisposeAsync();
            throw new RequestValidationException(file, headers.Count == 0
                ? $"{file} is empty: it needs a header row with {string.Join(", ", required)}."
                : $"{file} is missing the column(s) {string.Join(", ", missing)}.");
        }
        return reader;
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Moves to the next row (the first call stays on the first row).</summary>
    public async Task<bool> NextAsync(CancellationToken ct)
    {
        if (_first) _first = false;
        else _hasRow = await _csv.ReadAsync(ct);
        while (_hasRow && Fault() is var (column, message))
        {
            _tally.Error(File, Line, column, message);
            _hasRow = await _csv.ReadAsync(ct);
        }
        return _hasRow;
    }
    private bool _first = true;

    /// <summary>The first column we read whose value no database column could hold.</summary>
    private (string Column, string Message)? Fault()
    {
        foreach (var (column, i) in _columns)
        {
            if (i >= _csv.FieldCount || _csv.GetStringOrNull(i) is not { } value) continue;
            if (value.Contains('\0')) return (column, $"{column} contains a NUL character; the row was skipped.");
            if (value.Trim().Length > MaxFieldLength) return (column, $"{column} is longer than {MaxFieldLength} characters; the row was skipped.");
        }
        return null;
    }

    /// <summary>The trimmed field, or null when the column is absent, the row is short, or the field is empty.</summary>
    public string? this[string column]
    {
        get
        {
            if (!_columns.TryGetValue(column, out var i) || i >= _csv.FieldCount) return null;
            var value = _csv.GetStringOrNull(i)?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }
    }

    /// <summary>The first of a comma-separated multi-value field ("09,10,11" gives "09").</summary>
    public string? First(string column) => this[column]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}

namespace ProjectSpark.Features.Roster;

/// <summary>A row that was not imported (error) or was deliberately passed over (warning), by file and line.</summary>
public sealed record RosterRowIssue(string File, int Line, string Field, string Message);

public sealed record RosterCounts(int Created, int Updated, int Unchanged, int Skipped);

/// <summary>What an import did, or with dryRun what it would do. Errors and warnings name the file and line.</summary>
public sealed record RosterReport(bool DryRun, string? Version, int Orgs, RosterCounts Students, RosterCounts Staff,
    RosterCounts Classes, RosterCounts Enrollments, IReadOnlyList<RosterRowIssue> Errors, IReadOnlyList<RosterRowIssue> Warnings);

/// <summary>The running tally of one import; turned into a <see cref="RosterReport"/> at the end.</summary>
public sealed class RosterTally(bool dryRun)
{
    public sealed class Counter
    {
        public int Created, Updated, Unchanged, Skipped;
        public RosterCounts ToCounts() => new(Created, Updated, Unchanged, Skipped);
    }

    public Counter Students { get; } = new();
    public Counter Staff { get; } = new();
    public Counter Classes { get; } = new();
    public Counter Enrollments { get; } = new();
    public List<RosterRowIssue> Errors { get; } = [];
    public List<RosterRowIssue> Warnings { get; } = [];
    public string? Version { get; set; }
    public int Orgs { get; set; }

    public void Error(string file, int line, string field, string message) => Errors.Add(new(file, line, field, message));
    public void Warn(string file, int line, string field, string message) => Warnings.Add(new(file, line, field, message));

    public RosterReport ToReport() => new(dryRun, Version, Orgs, Students.ToCounts(), Staff.ToCounts(), Classes.ToCounts(),
        Enrollments.ToCounts(), Errors, Warnings);
}

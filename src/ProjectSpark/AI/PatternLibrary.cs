using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ProjectSpark.AI;

public sealed class PatternMilestone
{
    public string Title { get; set; } = "";
    public int Week { get; set; }
}

/// <summary>One project pattern from prompts/patterns/*.yaml; "{interest}" is filled with the student's own words.</summary>
public sealed class ProjectPattern
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string DrivingQuestion { get; set; } = "";
    public string Summary { get; set; } = "";
    public List<PatternMilestone> Milestones { get; set; } = [];
    public string FinalProduct { get; set; } = "";
    public string Audience { get; set; } = "";
    public List<string> Skills { get; set; } = [];
    public int EstimatedHours { get; set; }
    public List<string> Materials { get; set; } = [];
    public string WhyItFits { get; set; } = "";
    public List<string> ConversationStarters { get; set; } = [];
    public string Area { get; set; } = "";
}

public sealed class InterestArea
{
    public string Area { get; set; } = "";
    public string Description { get; set; } = "";
    public List<ProjectPattern> Patterns { get; set; } = [];
}

/// <summary>
/// The educator-editable pattern library behind the offline composer. Loaded once; a bad file stops startup
/// with its file name and what is wrong, so a typo never silently shrinks the library.
/// </summary>
public sealed partial class PatternLibrary
{
    public const string Slot = "{interest}";

    public IReadOnlyList<InterestArea> Areas { get; }
    public IReadOnlyList<ProjectPattern> Patterns { get; }
    /// <summary>A content hash of all pattern files: goes into draft provenance as the "prompt version".</summary>
    public string Version { get; }

    private PatternLibrary(List<InterestArea> areas, string version)
    {
        Areas = areas;
        Patterns = areas.SelectMany(a => a.Patterns).ToList();
        Version = version;
    }

    public static PatternLibrary Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidOperationException($"Pattern folder '{folder}' does not exist.");
        var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new InvalidOperationException($"Pattern folder '{folder}' has no .yaml files.");

        var yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var areas = new List<InterestArea>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n" + text));
            InterestArea area;
            try
            {
                area = yaml.Deserialize<InterestArea>(text) ?? throw new InvalidDataException("the file is empty");
                foreach (var p in area.Patterns) p.Area = area.Area;
                Validate(area, ids);
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidDataException)
            {
                throw new InvalidOperationException($"Pattern file '{Path.GetFileName(file)}' is invalid: {e.Message}", e);
            }
            areas.Add(area);
        }
        return new PatternLibrary(areas, "patterns@" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12]);
    }

    private static void Validate(InterestArea area, HashSet<string> ids)
    {
        if (string.IsNullOrWhiteSpace(area.Area)) throw new InvalidDataException("'area' is required");
        if (string.IsNullOrWhiteSpace(area.Description)) throw new InvalidDataException("'description' is required");
        if (area.Patterns.Count == 0) throw new InvalidDataException("'patterns' is empty");
        foreach (var p in area.Patterns)
        {
            var where = $"pattern '{p.Id}'";
            if (string.IsNullOrWhiteSpace(p.Id) || !ids.Add(p.Id)) throw new InvalidDataException($"{where}: 'id' is missing or not unique");
            foreach (var (name, value) in new[] { ("title", p.Title), ("drivingQuestion", p.DrivingQuestion), ("summary", p.Summary),
                         ("finalProduct", p.FinalProduct), ("audience", p.Audience), ("whyItFits", p.WhyItFits) })
                if (string.IsNullOrWhiteSpace(value)) throw new InvalidDataException($"{where}: '{name}' is required");
            if (p.Milestones.Count is < 3 or > 6) throw new InvalidDataException($"{where}: needs 3 to 6 milestones");
            for (var i = 1; i < p.Milestones.Count; i++)
                if (p.Milestones[i].Week <= p.Milestones[i - 1].Week) throw new InvalidDataException($"{where}: milestone weeks must ascend");
            if (p.Milestones[0].Week < 1) throw new InvalidDataException($"{where}: weeks start at 1");
            if (p.ConversationStarters.Count is < 2 or > 3) throw new InvalidDataException($"{where}: needs 2 or 3 conversationStarters");
            if (p.EstimatedHours is < 1 or > 200) throw new InvalidDataException($"{where}: estimatedHours out of range");
            if (!p.WhyItFits.Contains(Slot, StringComparison.Ordinal)) throw new InvalidDataException($"{where}: whyItFits must use {Slot}");
            var all = string.Join("\n", new[] { p.Title, p.DrivingQuestion, p.Summary, p.FinalProduct, p.Audience, p.WhyItFits }
                .Concat(p.Milestones.Select(m => m.Title)).Concat(p.Skills).Concat(p.Materials).Concat(p.ConversationStarters));
            var unknown = Braces().Matches(all).Select(m => m.Value).FirstOrDefault(v => v != Slot);
            if (unknown is not null) throw new InvalidDataException($"{where}: unknown slot {unknown}");
        }
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();
}

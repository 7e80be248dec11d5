using System.Text.RegularExpressions;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.AI;

/// <summary>What a reviewer sees next to a draft: which Gold Standard elements it shows, whether it names the
/// student's interests, how hard it is to read, and any blocklisted words (flagged to the reviewer, never hidden).</summary>
public sealed record QualityReport(
    IReadOnlyList<string> ElementsCovered,
    IReadOnlyList<string> ElementsMissing,
    bool WhyItFitsNamesInterest,
    double ReadingGrade,
    int Words,
    IReadOnlyList<string> BlocklistHits,
    NearDuplicate? NearDuplicateOf = null)
{
    public static readonly string[] Elements =
        ["challengingQuestion", "sustainedInquiry", "authenticity", "voiceAndChoice", "reflection", "critiqueAndRevision", "publicProduct"];
}

/// <summary>An earlier draft for the same student that this one is nearly the same as (cosine similarity of their embeddings).</summary>
public sealed record NearDuplicate(Guid DraftId, string Title, double Similarity);

/// <summary>Checks a draft against docs/domain.md's Gold Standard PBL elements, with plain word rules (no model).</summary>
public sealed partial class QualityAssessor(IConfiguration config)
{
    private readonly string[] _blocklist = config.GetSection("Safety:Blocklist").Get<string[]>() ?? DefaultBlocklist;

    public static readonly string[] DefaultBlocklist =
        ["weapon", "firearm", "handgun", "rifle", "knife", "drugs", "alcohol", "vape", "gambling", "casino", "explosive", "self-harm", "suicide", "porn", "nude", "hate speech"];

    public QualityReport Assess(DraftContent d, IReadOnlyList<string> interests)
    {
        var steps = string.Join(" ", d.Milestones.Select(m => m.Title));
        var body = $"{d.Summary} {steps}";
        var covered = new List<string>();
        void Check(string element, bool ok) { if (ok) covered.Add(element); }
        Check("challengingQuestion", d.DrivingQuestion.Trim().EndsWith('?') && Words(d.DrivingQuestion) >= 6);
        Check("sustainedInquiry", d.Milestones.Count >= 3 && Inquiry().IsMatch(body));
        Check("authenticity", !string.IsNullOrWhiteSpace(d.Audience) && !OnlyClassroom().IsMatch(d.Audience.Trim()));
        Check("voiceAndChoice", Choice().IsMatch(body));
        Check("reflection", Reflection().IsMatch(body));
        Check("critiqueAndRevision", Critique().IsMatch(body));
        Check("publicProduct", !string.IsNullOrWhiteSpace(d.FinalProduct) && !OnlyClassroom().IsMatch(d.Audience.Trim()));

        var all = string.Join(" ", d.Title, d.DrivingQuestion, d.Summary, steps, d.FinalProduct, d.Audience, d.WhyItFits,
            string.Join(" ", d.Materials), string.Join(" ", d.ConversationStarters));
        var hits = _blocklist.Where(w => Regex.IsMatch(all, $@"\b{Regex.Escape(w)}\b", RegexOptions.IgnoreCase)).ToList();
        return new QualityReport(covered, QualityReport.Elements.Except(covered).ToList(),
            interests.Any(i => d.WhyItFits.Contains(i, StringComparison.OrdinalIgnoreCase)),
            ReadingGrade(d.Summary), Words(all), hits);
    }

    /// <summary>Flesch-Kincaid grade level of a text, rounded to one decimal.</summary>
    public static double ReadingGrade(string text)
    {
        var words = WordPattern().Matches(text).Select(m => m.Value).ToList();
        if (words.Count == 0) return 0;
        var sentences = Math.Max(1, Regex.Matches(text, @"[.!?]+(\s|$)").Count);
        var syllables = words.Sum(Syllables);
        return Math.Round(0.39 * words.Count / sentences + 11.8 * syllables / words.Count - 15.59, 1);
    }

    private static int Syllables(string word)
    {
        var groups = Regex.Matches(word.ToLowerInvariant(), "[aeiouy]+").Count;
        if (word.EndsWith('e') && groups > 1) groups--;
        return Math.Max(1, groups);
    }

    private static int Words(string text) => WordPattern().Matches(text).Count;

    [GeneratedRegex(@"[A-Za-z']+")] private static partial Regex WordPattern();
    [GeneratedRegex(@"\b(research|interview|survey|investigat|test|find out|explor|measure|compare|study|collect|record|observe|ask)", RegexOptions.IgnoreCase)] private static partial Regex Inquiry();
    [GeneratedRegex(@"\b(you choose|your choice|you decide|you pick|choose|choice|your own|decide)", RegexOptions.IgnoreCase)] private static partial Regex Choice();
    [GeneratedRegex(@"\breflect", RegexOptions.IgnoreCase)] private static partial Regex Reflection();
    [GeneratedRegex(@"\b(feedback|critique|revis|improve)", RegexOptions.IgnoreCase)] private static partial Regex Critique();
    [GeneratedRegex(@"^(the )?(teacher|class|classmates|my class)\.?$", RegexOptions.IgnoreCase)] private static partial Regex OnlyClassroom();
}

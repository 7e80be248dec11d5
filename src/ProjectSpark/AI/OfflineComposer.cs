using Microsoft.Extensions.AI;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.AI;

/// <summary>A drafting failure that retrying cannot fix (the request itself cannot be drafted as it stands).</summary>
public sealed class DraftingRefusedException(string reason) : Exception(reason);

/// <summary>
/// The default generator: no network, no key. Matches the student's interests to the pattern library with local
/// embeddings, fills each pattern's slot with the student's own words, and picks N distinct patterns with a
/// seeded random choice, so the same request always yields the same drafts. It never invents an interest.
/// </summary>
public sealed class OfflineComposer(PatternLibrary library, IEmbeddingGenerator<string, Embedding<float>> embeddings) : IDraftGenerator
{
    public const string GeneratorName = "offline-composer";
    // A reviewer's focus or feedback is an instruction: it outweighs the raw interest match, and with it the
    // draw is much less adventurous (a lower temperature).
    private const float SteeringWeight = 1.2f;
    // For a class: an interest most students share edges out one only a few named.
    private const float PopularityWeight = 0.1f;
    private const float Temperature = 0.08f, SteeredTemperature = 0.03f;

    private readonly SemaphoreSlim _indexGate = new(1, 1);
    private (float[][] Areas, Dictionary<string, float[]> Patterns)? _index;

    public async Task<IReadOnlyList<GeneratedDraft>> GenerateAsync(DraftBrief brief, CancellationToken ct)
    {
        if (brief.Interests.Count == 0)
            throw new DraftingRefusedException("The student has no interests recorded yet. Add at least one interest, then request ideas again.");
        var chosen = await ChooseAsync(brief, null, ct);
        var now = DateTimeOffset.UtcNow;
        return chosen.Select(c => new GeneratedDraft(Fill(c.Pattern, brief.Interests[c.InterestIndex]), ProvenanceOf(c, now), c.Pattern.Id)).ToList();
    }

    /// <summary>
    /// The class's interests stand in for one student's, the more widely shared ones counting a little more; each
    /// chosen pattern is then framed as the teacher's unit. Standards are exactly the teacher's, or none.
    /// </summary>
    public async Task<IReadOnlyList<GeneratedDraft>> GenerateForClassAsync(ClassUnitBrief brief, CancellationToken ct)
    {
        if (brief.Interests.Count == 0)
            throw new DraftingRefusedException("No student in this class has interests recorded yet. Add some, then request ideas again.");
        var names = brief.Interests.Select(i => i.Interest).ToList();
        var most = brief.Interests.Max(i => i.Students);
        var popularity = brief.Interests.Select(i => (float)i.Students / most).ToArray();
        var asOne = new DraftBrief("class", brief.GradeLevel, names, null, null, null, brief.ReviewerFeedback, brief.AvoidPatternIds,
            brief.Count, brief.Seed);
        var chosen = await ChooseAsync(asOne, popularity, ct);
        var now = DateTimeOffset.UtcNow;
        return chosen.Select(c => new GeneratedDraft(
                ClassUnitFraming.Frame(Fill(c.Pattern, names[c.InterestIndex]), brief, brief.Interests[c.InterestIndex]),
                ProvenanceOf(c, now), c.Pattern.Id))
            .ToList();
    }

    private Provenance ProvenanceOf(Candidate c, DateTimeOffset now) =>
        new(GeneratorName, MiniLmEmbeddingGenerator.ModelId, $"{library.Version}#{c.Pattern.Id}", now);

    private async Task<List<Candidate>> ChooseAsync(DraftBrief brief, float[]? popularity, CancellationToken ct)
    {
        var (areaVectors, patternVectors) = await IndexAsync(ct);

        var interestVectors = await EmbedAsync(brief.Interests, ct);
        var steering = await EmbedAsync(new[] { brief.Focus, brief.ReviewerFeedback }.OfType<string>().ToList(), ct);

        // Patterns are written for their area, so a pattern is only offered for the areas closest to one of the
        // student's interests (or to the reviewer's focus/feedback), widening one area at a time only if too few.
        var interestToArea = interestVectors.Select(v => areaVectors.Select(a => Vectors.Cosine(v, a)).ToArray()).ToArray();
        var steerToArea = steering.Select(v => areaVectors.Select(a => Vectors.Cosine(v, a)).ToArray()).ToArray();
        var avoid = brief.AvoidPatternIds.ToHashSet();
        List<Candidate> candidates = [];
        for (var nearest = 1; nearest <= library.Areas.Count && candidates.Count < brief.Count; nearest++)
            candidates = Candidates(brief, interestToArea, steerToArea, steering, patternVectors, nearest, avoid, popularity);
        if (candidates.Count < brief.Count)
            candidates = Candidates(brief, interestToArea, steerToArea, steering, patternVectors, library.Areas.Count, [], popularity);

        return Choose(candidates, brief.Count, new Random(brief.Seed), steering.Count > 0 ? SteeredTemperature : Temperature);
    }

    private sealed record Candidate(ProjectPattern Pattern, int InterestIndex, float Score);

    private List<Candidate> Candidates(DraftBrief brief, float[][] interestToArea, float[][] steerToArea, List<float[]> steering,
        Dictionary<string, float[]> patternVectors, int nearest, HashSet<string> avoid, float[]? popularity)
    {
        var candidates = new List<Candidate>();
        for (var a = 0; a < library.Areas.Count; a++)
        {
            var area = a;
            // An area is near when it is among the `nearest` closest areas to an interest (to the steering: the closest).
            bool Near(float[] sims, int k) => sims.Count(x => x > sims[area]) < k;
            var byInterest = Enumerable.Range(0, brief.Interests.Count).Where(i => Near(interestToArea[i], nearest)).ToList();
            var bySteering = steerToArea.Any(s => Near(s, 1));
            if (byInterest.Count == 0 && !bySteering) continue;
            // The interest that fills the slot is the student's own word closest to this area.
            var best = Enumerable.Range(0, brief.Interests.Count).MaxBy(i => interestToArea[i][area]);
            foreach (var pattern in library.Areas[a].Patterns.Where(p => !avoid.Contains(p.Id)))
            {
                // Feedback such as "make it about cooking" names an area as often as a particular project.
                var steer = steering.Count == 0 ? 0 : steering.Select((v, s) => Math.Max(Vectors.Cosine(v, patternVectors[pattern.Id]), steerToArea[s][area])).Max();
                var shared = popularity is null ? 0 : PopularityWeight * popularity[best];
                candidates.Add(new Candidate(pattern, best, interestToArea[best][area] + SteeringWeight * steer + shared));
            }
        }
        return candidates;
    }

    /// <summary>
    /// Softmax draw from the strongest candidates: near-ties vary with the seed, clearly better matches almost
    /// always win. Each pick makes its area and its interest less likely next time, so N drafts are varied.
    /// </summary>
    private static List<Candidate> Choose(List<Candidate> candidates, int count, Random random, float temperature)
    {
        var pool = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Pattern.Id, StringComparer.Ordinal)
            .Take(Math.Max(count * 3, 6)).ToList();
        var top = pool.Count == 0 ? 0 : pool[0].Score;
        var weights = pool.ToDictionary(c => c, c => MathF.Exp((c.Score - top) / temperature));
        var chosen = new List<Candidate>();
        while (chosen.Count < count && pool.Count > 0)
        {
            var total = pool.Sum(c => weights[c]);
            var roll = random.NextDouble() * total;
            var pick = pool[^1];
            foreach (var c in pool)
            {
                roll -= weights[c];
                if (roll <= 0) { pick = c; break; }
            }
            chosen.Add(pick);
            pool.Remove(pick);
            foreach (var c in pool)
            {
                if (c.Pattern.Area == pick.Pattern.Area) weights[c] *= 0.5f;
                if (c.InterestIndex == pick.InterestIndex) weights[c] *= 0.7f;
            }
        }
        return chosen;
    }

    private static DraftContent Fill(ProjectPattern p, string interest)
    {
        string F(string template) => template.Replace(PatternLibrary.Slot, interest, StringComparison.Ordinal);
        return new DraftContent(
            Title: Capitalize(F(p.Title)),
            DrivingQuestion: Capitalize(F(p.DrivingQuestion)),
            Summary: F(p.Summary),
            Milestones: p.Milestones.Select(m => new Milestone(F(m.Title), m.Week)).ToList(),
            FinalProduct: F(p.FinalProduct),
            Audience: F(p.Audience),
            Skills: p.Skills.Select(F).ToList(),
            EstimatedHours: p.EstimatedHours,
            Materials: p.Materials.Select(F).ToList(),
            WhyItFits: Capitalize(F(p.WhyItFits)),
            ConversationStarters: p.ConversationStarters.Select(F).ToList());
    }

    private static string Capitalize(string s) => s.Length > 0 && char.IsLower(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..] : s;

    private async Task<(float[][], Dictionary<string, float[]>)> IndexAsync(CancellationToken ct)
    {
        if (_index is { } ready) return ready;
        await _indexGate.WaitAsync(ct);
        try
        {
            if (_index is { } again) return again;
            var areas = await EmbedAsync(library.Areas.Select(a => a.Description).ToList(), ct);
            var patternTexts = library.Patterns.Select(p => $"{p.Title}. {p.DrivingQuestion} {p.Summary}".Replace(PatternLibrary.Slot, p.Area)).ToList();
            var patterns = await EmbedAsync(patternTexts, ct);
            var index = (areas.ToArray(), library.Patterns.Select((p, i) => (p.Id, patterns[i])).ToDictionary(x => x.Id, x => x.Item2));
            _index = index;
            return index;
        }
        finally
        {
            _indexGate.Release();
        }
    }

    private async Task<List<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct) =>
        texts.Count == 0 ? [] : (await embeddings.GenerateAsync(texts, cancellationToken: ct)).Select(e => e.Vector.ToArray()).ToList();
}

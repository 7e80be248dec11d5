using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace ProjectSpark.Features.Relationships;

/// <summary>
/// Embeddings of interest words, kept per text for the life of the process: mentor suggestions compare the same few
/// hundred interests again and again (the admin's map asks for up to 25 students at once), so each is embedded once,
/// not on every page load. One embedding model per process (the startup guard sees to that), so the text is the key.
/// </summary>
public sealed class InterestVectors(IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    public const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, float[]>> GetAsync(IEnumerable<string> texts, CancellationToken ct)
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var text in texts.Distinct(StringComparer.Ordinal))
            if (_cache.TryGetValue(text, out var known)) result[text] = known;
            else missing.Add(text);
        if (missing.Count == 0) return result;

        var generated = await embeddings.GenerateAsync(missing, cancellationToken: ct);
        if (_cache.Count + missing.Count > MaxEntries) _cache.Clear();
        for (var i = 0; i < missing.Count; i++) result[missing[i]] = _cache[missing[i]] = generated[i].Vector.ToArray();
        return result;
    }
}

namespace ProjectSpark.AI;

/// <summary>
/// Which embedding model made the stored vectors (one row). Vectors of two models cannot be compared, so startup
/// refuses a different model while embeddings exist (EmbeddingGuard) until `reembed` recomputes them.
/// </summary>
public sealed class EmbeddingSettings
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public string ModelId { get; private set; } = "";
    public int Dimensions { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private EmbeddingSettings() { }

    public EmbeddingSettings(string modelId, int dimensions, DateTimeOffset now) => Set(modelId, dimensions, now);

    public bool Matches(string modelId, int dimensions) => ModelId == modelId && Dimensions == dimensions;

    public void Set(string modelId, int dimensions, DateTimeOffset now)
    {
        ModelId = modelId;
        Dimensions = dimensions;
        UpdatedAt = now;
    }

    public override string ToString() => $"'{ModelId}' ({Dimensions} dimensions)";
}

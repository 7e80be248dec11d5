using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using ProjectSpark.Data;
using ProjectSpark.Data.Configurations;

namespace ProjectSpark.AI;

/// <summary>
/// Vectors from two embedding models cannot be compared. The model that made the stored vectors is recorded
/// (EmbeddingSettings); at startup a different configured model is refused while embeddings exist, naming both and
/// the command that recomputes them.
/// </summary>
public static class EmbeddingGuard
{
    public const string ReembedCommand = "`dotnet ProjectSpark.dll reembed` (from source: `dotnet run --project src/ProjectSpark -- reembed`)";

    public static (string ModelId, int Dimensions) Describe(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var meta = generator.GetService<EmbeddingGeneratorMetadata>();
        if (meta?.DefaultModelId is not { Length: > 0 } model || meta.DefaultModelDimensions is not { } dimensions)
            throw new InvalidOperationException("The configured embedding generator does not report its model id and dimensions (EmbeddingGeneratorMetadata).");
        return (model, dimensions);
    }

    /// <summary>PostgreSQL stores vector(384) with an HNSW index; another size needs that column altered by a migration first.</summary>
    public static void RequireColumnFits(SparkDbContext db, string model, int dimensions)
    {
        if (db.IsPostgres && dimensions != ProjectDraftConfiguration.EmbeddingDimensions)
            throw new InvalidOperationException(
                $"The embedding model '{model}' makes {dimensions}-dimensional vectors, but the PostgreSQL column Drafts.Embedding is " +
                $"vector({ProjectDraftConfiguration.EmbeddingDimensions}). Use a {ProjectDraftConfiguration.EmbeddingDimensions}-dimensional model, " +
                "or change ProjectDraftConfiguration.EmbeddingDimensions, add a migration that alters the column and rebuilds its HNSW index, then re-embed.");
    }

    public static async Task CheckAsync(SparkDbContext db, IEmbeddingGenerator<string, Embedding<float>> generator, TimeProvider clock, CancellationToken ct = default)
    {
        var (model, dimensions) = Describe(generator);
        RequireColumnFits(db, model, dimensions);
        var stored = await db.EmbeddingSettings.FirstOrDefaultAsync(s => s.Id == EmbeddingSettings.SingletonId, ct);
        if (stored is not null && stored.Matches(model, dimensions)) return;
        if (stored is not null && await db.Drafts.AnyAsync(d => d.Embedding != null, ct))
            throw new InvalidOperationException(
                $"The stored project embeddings were made by the embedding model {stored}, but the configured embedding model is " +
                $"'{model}' ({dimensions} dimensions). Vectors of different models cannot be compared, so similarity search, grounding " +
                $"and duplicate checks would be wrong. Re-embed every draft with the configured model: {ReembedCommand}, then start " +
                $"the app again; or configure {stored} again.");
        // First start, or nothing embedded yet: the configured model is the one from now on.
        if (stored is null) db.EmbeddingSettings.Add(new EmbeddingSettings(model, dimensions, clock.GetUtcNow()));
        else stored.Set(model, dimensions, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Recomputes every draft's embedding with the configured generator, in batches, then records that model.</summary>
public sealed class Reembedder(SparkDbContext db, IEmbeddingGenerator<string, Embedding<float>> generator, TimeProvider clock, ILogger<Reembedder> log)
{
    public async Task<int> RunAsync(int batchSize = 64, CancellationToken ct = default)
    {
        var (model, dimensions) = EmbeddingGuard.Describe(generator);
        EmbeddingGuard.RequireColumnFits(db, model, dimensions);
        var done = 0;
        while (true)
        {
            // Stable order by id; the run is not one transaction, so an interrupted run is simply run again.
            var batch = await db.Drafts.OrderBy(d => d.Id).Skip(done).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            var vectors = await generator.GenerateAsync(batch.Select(d => Features.Ideas.DraftIdeasJob.EmbeddingText(d.Original)), cancellationToken: ct);
            for (var i = 0; i < batch.Count; i++) batch[i].SetEmbedding(vectors[i].Vector.ToArray());
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
            log.LogInformation("Re-embedded {Done} drafts with {Model}", done, model);
        }
        // Recorded last: until every vector is recomputed, startup keeps refusing the new model.
        var stored = await db.EmbeddingSettings.FirstOrDefaultAsync(s => s.Id == EmbeddingSettings.SingletonId, ct);
        if (stored is null) db.EmbeddingSettings.Add(new EmbeddingSettings(model, dimensions, clock.GetUtcNow()));
        else stored.Set(model, dimensions, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return done;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Pgvector;
using Pgvector.EntityFrameworkCore;
using ProjectSpark.AI;
using ProjectSpark.Data;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.Features.Projects;

/// <summary>An approved or delivered draft and how close it is to the query (cosine similarity, 1 = same direction).</summary>
public sealed record SimilarDraft(ProjectDraft Draft, double Similarity);

/// <summary>
/// Semantic search over a school's approved and delivered projects, for staff (GET /api/projects/similar) and for
/// grounding new drafts. PostgreSQL orders by pgvector's cosine distance so the HNSW index answers; SQLite has no
/// vector index, so it compares every stored embedding of the school exactly, in process.
/// </summary>
public sealed class SimilarProjects(SparkDbContext db, IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    public async Task<IReadOnlyList<SimilarDraft>> FindAsync(Guid schoolId, string text, int k, CancellationToken ct)
    {
        var vector = (await embeddings.GenerateAsync([text], cancellationToken: ct))[0].Vector.ToArray();
        return await FindAsync(schoolId, vector, k, ct);
    }

    public async Task<IReadOnlyList<SimilarDraft>> FindAsync(Guid schoolId, float[] vector, int k, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            // The index holds every school's drafts; iterative scanning (pgvector 0.8) keeps walking it until k rows
            // pass this school's filter, instead of returning fewer than k.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL hnsw.iterative_scan = strict_order", ct);
            var rows = await NearestOnPostgres(schoolId, new Vector(vector), k).ToListAsync(ct);
            await tx.CommitAsync(ct);
            return rows.Select(r => new SimilarDraft(r.Draft, Math.Round(1 - r.Distance, 4))).ToList();
        }

        var scored = (await Candidates(schoolId).Select(d => new { d.Id, d.Embedding }).ToListAsync(ct))
            .Select(r => (r.Id, Similarity: (double)Vectors.Cosine(vector, r.Embedding!.ToArray())))
            .OrderByDescending(r => r.Similarity).Take(k).ToList();
        var ids = scored.Select(s => s.Id).ToList();
        var drafts = await db.Drafts.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        return scored.Select(s => new SimilarDraft(drafts[s.Id], Math.Round(s.Similarity, 4))).ToList();
    }

    /// <summary>ORDER BY "Embedding" &lt;=&gt; v LIMIT k: the shape the HNSW (vector_cosine_ops) index answers.</summary>
    public IQueryable<NearestRow> NearestOnPostgres(Guid schoolId, Vector v, int k) =>
        Candidates(schoolId).OrderBy(d => d.Embedding!.CosineDistance(v)).Take(k)
            .Select(d => new NearestRow { Draft = d, Distance = d.Embedding!.CosineDistance(v) });

    public sealed class NearestRow
    {
        public required ProjectDraft Draft { get; init; }
        public double Distance { get; init; }
    }

    private IQueryable<ProjectDraft> Candidates(Guid schoolId) => db.Drafts.AsNoTracking().Where(d => d.SchoolId == schoolId
        && d.Embedding != null && (d.Status == DraftStatus.Approved || d.Status == DraftStatus.Delivered));
}

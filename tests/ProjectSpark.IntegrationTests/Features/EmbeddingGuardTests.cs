using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProjectSpark.AI;
using ProjectSpark.Data;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>Stands in for another embedding model: deterministic vectors from the text's characters, normalised.</summary>
public sealed class FakeEmbeddings(string modelId = "fake-embeddings-v2", int dimensions = 384) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("fake", defaultModelId: modelId, defaultModelDimensions: dimensions);

    public static float[] Vector(string text, int dimensions = 384)
    {
        var v = new float[dimensions];
        for (var i = 0; i < text.Length; i++) v[(text[i] * 31 + i) % dimensions] += 1;
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => norm == 0 ? 0 : x / norm).ToArray();
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(t => new Embedding<float>(Vector(t, dimensions)))));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}

/// <summary>Vectors of two embedding models cannot be compared: another model is refused at startup until `reembed` ran.</summary>
public abstract class EmbeddingGuardTests(StorageKind kind)
{
    private string NewDatabase() => kind == StorageKind.Sqlite ? SparkFactory.NewSqliteDatabase() : SparkFactory.NewPostgresDatabase();

    private WebApplicationFactory<Program> WithModel(string database, FakeEmbeddings model) =>
        new SparkFactory(kind, database, hangfireServer: false).WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(model)));

    [Fact]
    public async Task AnotherEmbeddingModelIsRefusedAtStartupWhileEmbeddingsExistUntilTheyAreReembedded()
    {
        var database = NewDatabase();
        using (var app = new SparkFactory(kind, database))
        {
            var school = TestSchool.Create(app);
            var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
            var (studentId, _) = await school.AddStudent("ivy", interests: ["chess", "poetry"], mentorId: mentorId);
            Assert.Equal("drafted", (await TestSchool.RequestAndWait(mentor, studentId, count: 3))["status"]!.GetValue<string>());
            var stored = await app.WithDbAsync(db => db.EmbeddingSettings.SingleAsync());
            Assert.Equal((MiniLmEmbeddingGenerator.ModelId, 384), (stored.ModelId, stored.Dimensions));
        }

        using (var refused = WithModel(database, new FakeEmbeddings()))
        {
            var error = Assert.ThrowsAny<Exception>(() => refused.CreateClient()).ToString();
            Assert.Contains("made by the embedding model 'all-MiniLM-L6-v2' (384 dimensions)", error);
            Assert.Contains("the configured embedding model is 'fake-embeddings-v2' (384 dimensions)", error);
            Assert.Contains("dotnet ProjectSpark.dll reembed", error);
        }

        // The re-embed command's work, with the new model, in batches: every vector recomputed, then the model recorded.
        using (var app = new SparkFactory(kind, database, hangfireServer: false))
        {
            var count = await app.WithDbAsync(db => new Reembedder(db, new FakeEmbeddings(), TimeProvider.System, NullLogger<Reembedder>.Instance).RunAsync(batchSize: 2));
            Assert.Equal(3, count);
            var drafts = await app.WithDbAsync(db => db.Drafts.AsNoTracking().ToListAsync());
            Assert.Equal(3, drafts.Count);
            Assert.All(drafts, d => Assert.Equal(FakeEmbeddings.Vector(ProjectSpark.Features.Ideas.DraftIdeasJob.EmbeddingText(d.Original)),
                d.Embedding!.ToArray(), (a, b) => Math.Abs(a - b) < 1e-5));
            var stored = await app.WithDbAsync(db => db.EmbeddingSettings.SingleAsync());
            Assert.Equal(("fake-embeddings-v2", 384), (stored.ModelId, stored.Dimensions));
        }

        using var accepted = WithModel(database, new FakeEmbeddings());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await accepted.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public void WithNothingEmbeddedYetAnotherModelIsSimplyRecorded()
    {
        var database = NewDatabase();
        using (var app = new SparkFactory(kind, database, hangfireServer: false)) app.CreateClient();
        using var other = WithModel(database, new FakeEmbeddings("fake-embeddings-v3"));
        other.CreateClient();
        using var scope = other.Services.CreateScope();
        Assert.Equal("fake-embeddings-v3", scope.ServiceProvider.GetRequiredService<SparkDbContext>().EmbeddingSettings.Single().ModelId);
    }
}

public sealed class EmbeddingGuardOnSqlite() : EmbeddingGuardTests(StorageKind.Sqlite);

public sealed class EmbeddingGuardOnPostgres() : EmbeddingGuardTests(StorageKind.Postgres)
{
    [Fact]
    public void AModelWhoseVectorsTheColumnCannotHoldIsRefusedNamingTheColumn()
    {
        using var app = new SparkFactory(StorageKind.Postgres, hangfireServer: false).WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FakeEmbeddings("wide-model", 768))));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient()).ToString();
        Assert.Contains("'wide-model' makes 768-dimensional vectors", error);
        Assert.Contains("vector(384)", error);
    }
}

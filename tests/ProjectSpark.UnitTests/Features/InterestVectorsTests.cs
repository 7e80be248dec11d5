using Microsoft.Extensions.AI;
using ProjectSpark.Features.Relationships;

namespace ProjectSpark.UnitTests.Features;

public class InterestVectorsTests
{
    /// <summary>Counts every text it is asked to embed.</summary>
    private sealed class CountingEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<string> Embedded { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Embedded.AddRange(list);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(list.Select(t => new Embedding<float>(new[] { t.Length, 1f }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }

    [Fact]
    public async Task EachInterestIsEmbeddedOnceAndServedFromMemoryAfterwards()
    {
        var model = new CountingEmbeddings();
        var vectors = new InterestVectors(model);

        var first = await vectors.GetAsync(["chess", "baking", "chess"], CancellationToken.None);
        var second = await vectors.GetAsync(["baking", "drums"], CancellationToken.None);

        Assert.Equal(["chess", "baking", "drums"], model.Embedded);
        Assert.Equal([5f, 1f], first["chess"]);
        Assert.Same(first["baking"], second["baking"]);
        Assert.Equal([5f, 1f], second["drums"]);
    }
}

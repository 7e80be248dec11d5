using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.AI;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>
/// AI:EmbeddingModel set: embeddings come from the provider (OpenAI-compatible or an Azure deployment) through
/// IEmbeddingGenerator, at the stored size, carrying draft text and interests only; the local model is then refused.
/// </summary>
public sealed class ProviderEmbeddingsTests
{
    private static Dictionary<string, string> Settings(OpenAIStub stub, string provider, string embeddingModel)
    {
        var settings = StubSettings.For(stub, provider);
        settings["AI:EmbeddingModel"] = embeddingModel;
        return settings;
    }

    [Theory]
    [InlineData("OpenAICompatible", StorageKind.Sqlite, "/v1/embeddings")]
    [InlineData("AzureOpenAI", StorageKind.Postgres, "/openai/deployments/spark-embeddings/embeddings")]
    public async Task TheProvidersEmbeddingModelEmbedsDraftsAndAnswersSimilarSearchWithoutSeeingAnyone(string provider, StorageKind kind, string path)
    {
        var model = provider == "AzureOpenAI" ? "spark-embeddings" : "text-embedding-3-small";
        using var stub = new OpenAIStub();
        var database = kind == StorageKind.Sqlite ? SparkFactory.NewSqliteDatabase() : SparkFactory.NewPostgresDatabase();
        using (var app = new SparkFactory(kind, database, settings: Settings(stub, provider, model)))
        {
            var school = TestSchool.Create(app);
            var (mentorId, mentor) = await school.AddStaff("mentor", "mentor");
            var (studentId, _) = await school.AddStudent("wren", interests: ["beekeeping", "woodwork"], mentorId: mentorId);
            var request = await TestSchool.RequestAndWait(mentor, studentId, count: 2);
            Assert.Equal("drafted", request["status"]!.GetValue<string>());

            Assert.NotEmpty(stub.Embeddings);
            foreach (var call in stub.Embeddings)
            {
                Assert.Equal(path, call.Path);
                var body = JsonNode.Parse(call.Body)!;
                Assert.Equal(model, body["model"]!.GetValue<string>());
                Assert.Equal(AiOptions.DefaultEmbeddingDimensions, body["dimensions"]!.GetValue<int>());
                foreach (var value in new[] { "Student wren", school.Email("wren"), studentId.ToString(), school.Email("mentor"), mentorId.ToString() })
                    Assert.DoesNotContain(value, call.Body, StringComparison.OrdinalIgnoreCase);
            }
            Assert.Equal(StubSettings.ApiKey, provider == "AzureOpenAI" ? stub.Embeddings.First().Headers["api-key"] : stub.Embeddings.First().Headers["Authorization"]["Bearer ".Length..]);

            var approved = request["draftIds"]![0]!.GetValue<Guid>();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{approved}/approve", new { })).StatusCode);
            var title = (await (await mentor.GetAsync($"/api/drafts/{approved}")).Json())["title"]!.GetValue<string>();
            var found = (await (await mentor.GetAsync($"/api/projects/similar?text={Uri.EscapeDataString(title)}&k=5")).Json())["items"]!.AsArray();
            Assert.Equal(approved, found[0]!["draftId"]!.GetValue<Guid>());
            Assert.True(found[0]!["similarity"]!.GetValue<double>() > 0.5);

            var stored = await app.WithDbAsync(db => db.EmbeddingSettings.SingleAsync());
            Assert.Equal((model, AiOptions.DefaultEmbeddingDimensions), (stored.ModelId, stored.Dimensions));
        }

        // Back to the local model on the same database: its vectors cannot be compared with the provider's, so startup refuses.
        using var local = new SparkFactory(kind, database, hangfireServer: false);
        var refused = Assert.ThrowsAny<Exception>(() => local.CreateClient());
        var message = (refused.InnerException ?? refused).Message;
        Assert.Contains(model, message);
        Assert.Contains(MiniLmEmbeddingGenerator.ModelId, message);
        Assert.Contains("reembed", message);
    }
}

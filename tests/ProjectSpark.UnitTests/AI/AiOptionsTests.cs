using Microsoft.Extensions.Configuration;
using ProjectSpark.AI;

namespace ProjectSpark.UnitTests.AI;

public class AiOptionsTests
{
    private static AiOptions From(params (string Key, string Value)[] settings) => AiOptions.From(new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("AI:" + s.Key, (string?)s.Value))).Build());

    [Fact]
    public void WithNoConfigurationTheOfflineComposerDrafts()
    {
        var options = From();
        Assert.Equal(AiProvider.Offline, options.Provider);
        Assert.False(options.UsesModel);
    }

    [Fact]
    public void AzureNeedsEndpointDeploymentAndKeyAndSaysWhichAreMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(("Provider", "AzureOpenAI")));
        Assert.Contains("AI:Model (the deployment name) is required", error.Message);
        Assert.Contains("AI:Endpoint is required", error.Message);
        Assert.Contains("AI:ApiKey is required", error.Message);
    }

    [Fact]
    public void AnUnknownProviderIsRefusedWithTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(("Provider", "Gemini")));
        Assert.Contains("OpenAICompatible", error.Message);
    }

    [Fact]
    public void ATimeoutAboveTheCapIsRefusedSoHangfireNeverRunsAJobTwiceAtOnce()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            From(("Provider", "OpenAICompatible"), ("Endpoint", "http://localhost:11434/v1"), ("Model", "llama3"), ("TimeoutSeconds", "3600")));
        Assert.Contains("AI:TimeoutSeconds", error.Message);
    }

    [Fact]
    public void TheKeyNeverAppearsWhenTheOptionsArePrinted()
    {
        var options = From(("Provider", "OpenAI"), ("Model", "gpt-4o-mini"), ("ApiKey", "sk-very-secret-value"));
        Assert.DoesNotContain("sk-very-secret-value", options.ToString());
        Assert.Contains("(set)", options.ToString());
    }

    [Fact]
    public void ProviderEmbeddingsNeedAProviderAndDefaultToTheStoredVectorSize()
    {
        var offline = Assert.Throws<InvalidOperationException>(() => From(("EmbeddingModel", "text-embedding-3-small")));
        Assert.Contains("AI:EmbeddingModel", offline.Message);
        Assert.False(From().UsesProviderEmbeddings);

        var options = From(("Provider", "OpenAI"), ("Model", "gpt-4o-mini"), ("ApiKey", "k"), ("EmbeddingModel", "text-embedding-3-small"));
        Assert.True(options.UsesProviderEmbeddings);
        Assert.Equal(384, options.EmbeddingDimensions);

        var tiny = Assert.Throws<InvalidOperationException>(() =>
            From(("Provider", "OpenAI"), ("Model", "gpt-4o-mini"), ("ApiKey", "k"), ("EmbeddingModel", "e"), ("EmbeddingDimensions", "3")));
        Assert.Contains("AI:EmbeddingDimensions", tiny.Message);
    }
}

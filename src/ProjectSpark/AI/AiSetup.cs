using Microsoft.Extensions.AI;

namespace ProjectSpark.AI;

public static class AiSetup
{
    /// <summary>The offline default: local MiniLM embeddings and the pattern-library composer. No network, no key.</summary>
    public static IHostApplicationBuilder AddSparkAi(this IHostApplicationBuilder builder)
    {
        var patterns = builder.Configuration["AI:PatternsPath"] is { Length: > 0 } p ? p : Path.Combine(AppContext.BaseDirectory, "prompts", "patterns");
        // Loaded (and validated) now, so a broken pattern file stops startup with its name.
        var library = PatternLibrary.Load(patterns);
        builder.Services.AddSingleton(library);
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        builder.Services.AddSingleton<IDraftGenerator, OfflineComposer>();
        return builder;
    }
}

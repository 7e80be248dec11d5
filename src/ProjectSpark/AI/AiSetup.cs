using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace ProjectSpark.AI;

public static class AiSetup
{
    /// <summary>
    /// Local MiniLM embeddings always; drafts from the offline composer (AI:Provider=Offline, the default, no network,
    /// no key) or from a chat model through Semantic Kernel. Pattern and prompt files are loaded and validated now,
    /// so a broken file stops startup with its name.
    /// </summary>
    public static IHostApplicationBuilder AddSparkAi(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var ai = AiOptions.From(config);
        var prompts = config["AI:PromptsPath"] is { Length: > 0 } pp ? pp : Path.Combine(AppContext.BaseDirectory, "prompts");
        var patterns = config["AI:PatternsPath"] is { Length: > 0 } p ? p : Path.Combine(prompts, "patterns");
        builder.Services.AddSingleton(ai);
        builder.Services.AddSingleton(GroundingOptions.From(config));
        builder.Services.AddSingleton(PatternLibrary.Load(patterns));
        builder.Services.AddSingleton(PromptLibrary.Load(prompts, PromptLibrary.DraftStudentProjects, PromptLibrary.DraftClassUnitProjects, PromptLibrary.ReviseWithFeedback,
            PromptLibrary.ConversationStarters));
        if (ai.UsesProviderEmbeddings)
            builder.Services.AddSingleton(_ => ProviderEmbeddings(ai));
        else
            builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        builder.Services.AddSingleton<OfflineComposer>();
        builder.Services.AddSingleton<QualityAssessor>();
        if (!ai.UsesModel)
        {
            builder.Services.AddSingleton<IDraftGenerator>(s => s.GetRequiredService<OfflineComposer>());
            return builder;
        }
        builder.Services.AddSingleton(_ => BuildKernel(ai));
        builder.Services.AddSingleton<SemanticKernelDraftGenerator>();
        builder.Services.AddSingleton<IDraftGenerator>(s => s.GetRequiredService<SemanticKernelDraftGenerator>());
        builder.Services.AddSingleton<IConversationStarterWriter>(s => s.GetRequiredService<SemanticKernelDraftGenerator>());
        return builder;
    }

    /// <summary>
    /// Embeddings from the provider's embedding model (on Azure, AI:EmbeddingModel is the embedding deployment's name),
    /// asking for AI:EmbeddingDimensions-long vectors (text-embedding-3 models shorten theirs on request). Only draft
    /// text and interests are ever embedded. The embedding guard at startup checks the model and size against the stored ones.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> ProviderEmbeddings(AiOptions ai)
    {
        var transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(new HttpClient { Timeout = TimeSpan.FromSeconds(ai.TimeoutSeconds) });
        OpenAI.Embeddings.EmbeddingClient client = ai.Provider == AiProvider.AzureOpenAI
            ? new Azure.AI.OpenAI.AzureOpenAIClient(new Uri(ai.Endpoint!), new System.ClientModel.ApiKeyCredential(ai.ApiKey!),
                    new Azure.AI.OpenAI.AzureOpenAIClientOptions { Transport = transport })
                .GetEmbeddingClient(ai.EmbeddingModel!)
            : new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(ai.ApiKey ?? "no-key"),
                    new OpenAI.OpenAIClientOptions { Transport = transport, Endpoint = ai.Endpoint is null ? null : new Uri(ai.Endpoint) })
                .GetEmbeddingClient(ai.EmbeddingModel!);
        return client.AsIEmbeddingGenerator(ai.EmbeddingDimensions);
    }

    /// <summary>
    /// A kernel with one chat service and nothing else: no plugins, so no function the model could call. It gets no
    /// logger factory either, so nothing of the request (or the key) is logged by the connectors. The HttpClient
    /// timeout bounds each call; the connectors do not retry on their own when given an HttpClient, Hangfire does.
    /// </summary>
    public static Kernel BuildKernel(AiOptions ai)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(ai.TimeoutSeconds) };
        var kernel = Kernel.CreateBuilder();
        switch (ai.Provider)
        {
            case AiProvider.AzureOpenAI:
                kernel.AddAzureOpenAIChatCompletion(ai.Model!, ai.Endpoint!, ai.ApiKey!, modelId: ai.Model, httpClient: http);
                break;
            case AiProvider.OpenAI when ai.Endpoint is null:
                kernel.AddOpenAIChatCompletion(ai.Model!, ai.ApiKey!, httpClient: http);
                break;
            default:
                // Local servers (Ollama, vLLM, LM Studio) usually need no key, but the client insists on one.
                kernel.AddOpenAIChatCompletion(ai.Model!, new Uri(ai.Endpoint!), ai.ApiKey ?? "no-key", httpClient: http);
                break;
        }
        return kernel.Build();
    }
}

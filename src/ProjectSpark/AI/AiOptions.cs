namespace ProjectSpark.AI;

public enum AiProvider { Offline, OpenAI, AzureOpenAI, OpenAICompatible }

/// <summary>
/// The "AI" configuration section. The model is configuration, not code: with no section at all the offline
/// composer drafts. The key comes from configuration, environment (AI__ApiKey) or user-secrets and is never logged.
/// </summary>
public sealed record AiOptions(AiProvider Provider, string? Endpoint, string? Model, string? ApiKey, int MaxOutputTokens, int TimeoutSeconds,
    string? EmbeddingModel = null, int EmbeddingDimensions = AiOptions.DefaultEmbeddingDimensions)
{
    /// <summary>The size of the stored vectors (PostgreSQL column vector(384)); models that can shorten their vectors are asked for this size.</summary>
    public const int DefaultEmbeddingDimensions = 384;

    public const int DefaultMaxOutputTokens = 6000, DefaultTimeoutSeconds = 60;
    /// <summary>
    /// One job attempt makes at most two calls (the second with the validation errors), so 2 x 300 s stays far below
    /// Hangfire's invisibility timeout (StorageSetup.JobInvisibilityTimeout, 30 minutes): a slow provider never makes
    /// a second worker pick up the same job.
    /// </summary>
    public const int MaxTimeoutSeconds = 300;

    public static AiOptions From(IConfiguration config)
    {
        var section = config.GetSection("AI");
        var providerText = section["Provider"];
        var provider = AiProvider.Offline;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
            throw new InvalidOperationException(
                $"AI:Provider '{providerText}' is not known. Use one of: {string.Join(", ", Enum.GetNames<AiProvider>())}.");
        var options = new AiOptions(provider, Blank(section["Endpoint"]), Blank(section["Model"]), Blank(section["ApiKey"]),
            section.GetValue("MaxOutputTokens", DefaultMaxOutputTokens), section.GetValue("TimeoutSeconds", DefaultTimeoutSeconds),
            Blank(section["EmbeddingModel"]), section.GetValue("EmbeddingDimensions", DefaultEmbeddingDimensions));
        options.Validate();
        return options;
    }

    public bool UsesModel => Provider != AiProvider.Offline;

    /// <summary>Embeddings from the provider (AI:EmbeddingModel set) instead of the local MiniLM model.</summary>
    public bool UsesProviderEmbeddings => EmbeddingModel is not null;

    /// <summary>Fails startup with every missing setting at once, never naming the key's value.</summary>
    private void Validate()
    {
        if (!UsesModel)
        {
            if (UsesProviderEmbeddings)
                throw new InvalidOperationException("AI:EmbeddingModel is set, but AI:Provider is Offline: provider embeddings need a provider " +
                    "(OpenAI, AzureOpenAI or OpenAICompatible). Leave AI:EmbeddingModel empty for the local MiniLM model.");
            return;
        }
        var errors = new List<string>();
        if (EmbeddingDimensions is < 16 or > 4096) errors.Add("AI:EmbeddingDimensions must be between 16 and 4096");
        if (Model is null) errors.Add(Provider == AiProvider.AzureOpenAI ? "AI:Model (the deployment name) is required" : "AI:Model is required");
        if (Provider is AiProvider.AzureOpenAI or AiProvider.OpenAICompatible && Endpoint is null) errors.Add("AI:Endpoint is required");
        if (Endpoint is not null && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _)) errors.Add("AI:Endpoint must be an absolute URL");
        if (Provider is AiProvider.OpenAI or AiProvider.AzureOpenAI && ApiKey is null) errors.Add("AI:ApiKey is required");
        if (MaxOutputTokens is < 256 or > 100_000) errors.Add("AI:MaxOutputTokens must be between 256 and 100000");
        if (TimeoutSeconds is < 1 or > MaxTimeoutSeconds) errors.Add($"AI:TimeoutSeconds must be between 1 and {MaxTimeoutSeconds}");
        if (errors.Count > 0)
            throw new InvalidOperationException($"AI:Provider is {Provider}, but the configuration is incomplete: {string.Join("; ", errors)}.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Records print every property; this one must never print the key.</summary>
    public override string ToString() =>
        $"AiOptions {{ Provider = {Provider}, Endpoint = {Endpoint}, Model = {Model}, ApiKey = {(ApiKey is null ? "(none)" : "(set)")}, " +
        $"MaxOutputTokens = {MaxOutputTokens}, TimeoutSeconds = {TimeoutSeconds}, EmbeddingModel = {EmbeddingModel ?? "(local MiniLM)"}, " +
        $"EmbeddingDimensions = {EmbeddingDimensions} }}";
}

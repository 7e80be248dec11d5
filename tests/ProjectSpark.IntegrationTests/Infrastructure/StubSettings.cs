namespace ProjectSpark.IntegrationTests.Infrastructure;

/// <summary>App settings that point a provider at the loopback stub, with short timeouts and retry delays.</summary>
public static class StubSettings
{
    public const string ApiKey = "sk-stub-secret-7f3a9c0e5b21";

    /// <param name="timeoutSeconds">Generous by default, so a busy test machine never turns a normal call into a timeout.</param>
    public static Dictionary<string, string> For(OpenAIStub stub, string provider, string model = "stub-model", int timeoutSeconds = 15) => new()
    {
        ["AI:Provider"] = provider,
        // The OpenAI client appends /chat/completions to the endpoint; the Azure client builds /openai/deployments/...
        ["AI:Endpoint"] = provider == "AzureOpenAI" ? stub.BaseUrl : stub.BaseUrl + "/v1",
        ["AI:Model"] = model,
        ["AI:ApiKey"] = ApiKey,
        ["AI:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hangfire:RetryDelaySeconds:0"] = "1",
        ["Hangfire:RetryDelaySeconds:1"] = "1",
    };
}

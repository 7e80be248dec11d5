using Microsoft.Extensions.Configuration;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using ProjectSpark.AI;

namespace ProjectSpark.UnitTests.AI;

public class AiSetupTests
{
    [Theory]
    [InlineData("OpenAI", null)]
    [InlineData("AzureOpenAI", "https://school.openai.azure.com/")]
    [InlineData("OpenAICompatible", "http://localhost:11434/v1")]
    public void EachProviderGetsAKernelWithOneChatServiceAndNoFunctionsToCall(string provider, string? endpoint)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AI:Provider"] = provider, ["AI:Endpoint"] = endpoint, ["AI:Model"] = "m", ["AI:ApiKey"] = "k",
        }).Build();
        var kernel = AiSetup.BuildKernel(AiOptions.From(config));
        Assert.Single(kernel.GetAllServices<IChatCompletionService>());
        Assert.Empty(kernel.Plugins);
    }
}

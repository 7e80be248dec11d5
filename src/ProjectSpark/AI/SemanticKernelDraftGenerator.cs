using System.ClientModel;
using System.Net;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using ChatTokenUsage = OpenAI.Chat.ChatTokenUsage;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.AI;

/// <summary>
/// A provider failure that may pass (timeout, 429, 5xx, a reply that is not JSON): thrown so Hangfire retries the job;
/// after the last attempt the request fails with this message.
/// </summary>
public sealed class DraftingUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>The model's replies broke the rules even after being told how: the request fails, with the tokens it cost.</summary>
public sealed class DraftReplyInvalidException(string reason, TokenUsage usage) : Exception(reason)
{
    public TokenUsage Usage { get; } = usage;
}

/// <summary>
/// Drafts all N ideas of a request in ONE chat call through Semantic Kernel's classic OpenAI / Azure OpenAI connector,
/// with the reply's strict JSON schema as response_format. The kernel has no plugins and function calling is off, so
/// the model can only answer. A reply that breaks the rules is asked for once more with the errors listed, then the
/// request fails: nothing half-valid is ever saved.
/// </summary>
public sealed class SemanticKernelDraftGenerator(Kernel kernel, PromptLibrary prompts, AiOptions options,
    ILogger<SemanticKernelDraftGenerator> log) : IDraftGenerator, IConversationStarterWriter
{
    public const string GeneratorName = "semantic-kernel";

    private readonly PromptFile _prompt = prompts[PromptLibrary.DraftStudentProjects];
    private readonly KernelFunction _function = KernelFunctionFactory.CreateFromPrompt(prompts[PromptLibrary.DraftStudentProjects].Config);
    private readonly PromptFile _revisePrompt = prompts[PromptLibrary.ReviseWithFeedback];
    private readonly KernelFunction _reviseFunction = KernelFunctionFactory.CreateFromPrompt(prompts[PromptLibrary.ReviseWithFeedback].Config);
    private readonly PromptFile _startersPrompt = prompts[PromptLibrary.ConversationStarters];
    private readonly KernelFunction _startersFunction = KernelFunctionFactory.CreateFromPrompt(prompts[PromptLibrary.ConversationStarters].Config);
    private readonly PromptFile _classPrompt = prompts[PromptLibrary.DraftClassUnitProjects];
    private readonly KernelFunction _classFunction = KernelFunctionFactory.CreateFromPrompt(prompts[PromptLibrary.DraftClassUnitProjects].Config);

    public async Task<IReadOnlyList<GeneratedDraft>> GenerateAsync(DraftBrief brief, CancellationToken ct)
    {
        var interests = DraftPromptInputs.Interests(brief);
        if (interests.Count == 0)
            throw new DraftingRefusedException("The student has no interests recorded yet. Add at least one interest, then request ideas again.");

        // A redraft a reviewer asked for goes through its own prompt, which puts their feedback first.
        var (prompt, function) = brief.ReviewerFeedback is null ? (_prompt, _function) : (_revisePrompt, _reviseFunction);
        var (reply, model, usage) = await CallAsync<DraftReply>(function, DraftPromptInputs.For(brief, Settings<DraftReply>(prompt)), ct);
        var errors = DraftReplyValidator.Validate(reply, brief.Count, interests);
        if (errors.Count > 0)
        {
            log.LogWarning("The model's reply broke {Count} rules; asking once more with the errors listed", errors.Count);
            (reply, model, var again) = await CallAsync<DraftReply>(function, DraftPromptInputs.For(brief, Settings<DraftReply>(prompt), errors), ct);
            usage += again;
            errors = DraftReplyValidator.Validate(reply, brief.Count, interests);
            if (errors.Count > 0)
                throw new DraftReplyInvalidException(
                    $"The AI model's drafts were invalid twice ({string.Join(" ", errors.Take(3))}). Request the ideas again to retry.", usage);
        }

        var now = DateTimeOffset.UtcNow;
        return reply!.Ideas.Select(i => new GeneratedDraft(i.ToContent(), new Provenance(GeneratorName, model, prompt.VersionTag, now), null, usage)).ToList();
    }

    /// <summary>The class-unit prompt, validated the same way, and also refused when it carries a standard the teacher did not give.</summary>
    public async Task<IReadOnlyList<GeneratedDraft>> GenerateForClassAsync(ClassUnitBrief brief, CancellationToken ct)
    {
        var interests = DraftPromptInputs.ClassInterests(brief).Select(i => i.Interest).ToList();
        if (interests.Count == 0)
            throw new DraftingRefusedException("No student in this class has interests recorded yet. Add some, then request ideas again.");
        var standards = DraftPromptInputs.Standards(brief);

        var (reply, model, usage) = await CallAsync<ClassDraftReply>(_classFunction, DraftPromptInputs.ForClass(brief, Settings<ClassDraftReply>(_classPrompt)), ct);
        var errors = DraftReplyValidator.ValidateClass(reply, brief.Count, interests, standards);
        if (errors.Count > 0)
        {
            log.LogWarning("The model's class reply broke {Count} rules; asking once more with the errors listed", errors.Count);
            (reply, model, var again) = await CallAsync<ClassDraftReply>(_classFunction,
                DraftPromptInputs.ForClass(brief, Settings<ClassDraftReply>(_classPrompt), errors), ct);
            usage += again;
            errors = DraftReplyValidator.ValidateClass(reply, brief.Count, interests, standards);
            if (errors.Count > 0)
                throw new DraftReplyInvalidException(
                    $"The AI model's drafts were invalid twice ({string.Join(" ", errors.Take(3))}). Request the ideas again to retry.", usage);
        }

        var now = DateTimeOffset.UtcNow;
        return reply!.Ideas.Select(i => new GeneratedDraft(i.ToContent(), new Provenance(GeneratorName, model, _classPrompt.VersionTag, now), null, usage)).ToList();
    }

    /// <summary>Conversation starters for a project as approved; asked once more with the errors, then refused.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(DraftContent project, int gradeLevel, IReadOnlyList<string> interests, CancellationToken ct)
    {
        var (reply, _, _) = await CallAsync<StartersReply>(_startersFunction, DraftPromptInputs.ForStarters(project, gradeLevel, interests, Settings<StartersReply>(_startersPrompt)), ct);
        var errors = ValidateStarters(reply);
        if (errors.Count > 0)
        {
            (reply, _, _) = await CallAsync<StartersReply>(_startersFunction,
                DraftPromptInputs.ForStarters(project, gradeLevel, interests, Settings<StartersReply>(_startersPrompt), errors), ct);
            errors = ValidateStarters(reply);
            if (errors.Count > 0) throw new DraftReplyInvalidException($"The AI model's conversation starters were invalid twice ({string.Join(" ", errors)}).", new TokenUsage(0, 0));
        }
        return reply!.Starters.Select(s => s.Trim()).ToList();
    }

    private static List<string> ValidateStarters(StartersReply? reply)
    {
        var errors = new List<string>();
        if (reply?.Starters is not { } starters) return ["The reply has no starters."];
        if (starters.Count is < IConversationStarterWriter.MinStarters or > IConversationStarterWriter.MaxStarters)
            errors.Add($"Write {IConversationStarterWriter.MinStarters} or {IConversationStarterWriter.MaxStarters} starters, not {starters.Count}.");
        if (starters.Any(s => string.IsNullOrWhiteSpace(s) || s.Trim().Length > IConversationStarterWriter.MaxLength))
            errors.Add($"Each starter must be 1-{IConversationStarterWriter.MaxLength} characters.");
        return errors;
    }

    /// <summary>The prompt file's settings (temperature...), plus what is not the educator's to change: size, schema, no tools.</summary>
    private PromptExecutionSettings Settings<TReply>(PromptFile prompt)
    {
        var defaults = prompt.Config.DefaultExecutionSettings;
        OpenAIPromptExecutionSettings settings = options.Provider == AiProvider.AzureOpenAI
            ? AzureOpenAIPromptExecutionSettings.FromExecutionSettings(defaults?.Clone())
            : OpenAIPromptExecutionSettings.FromExecutionSettings(defaults?.Clone());
        settings.MaxTokens = options.MaxOutputTokens;
        settings.ResponseFormat = typeof(TReply);
        settings.FunctionChoiceBehavior = null;
        settings.ToolCallBehavior = null;
        return settings;
    }

    private async Task<(TReply? Reply, string Model, TokenUsage Usage)> CallAsync<TReply>(KernelFunction function, KernelArguments arguments,
        CancellationToken ct)
    {
        ChatMessageContent? message;
        try
        {
            var result = await function.InvokeAsync(kernel, arguments, ct);
            message = result.GetValue<ChatMessageContent>();
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Unavailable(e) is { } reason)
        {
            throw new DraftingUnavailableException(reason, e);
        }
        var model = message?.ModelId ?? options.Model ?? "unknown";
        var usage = message?.Metadata?.GetValueOrDefault("Usage") is ChatTokenUsage u ? new TokenUsage(u.InputTokenCount, u.OutputTokenCount) : new TokenUsage(0, 0);
        try
        {
            return (JsonSerializer.Deserialize<TReply>(message?.Content ?? ""), model, usage);
        }
        catch (JsonException e)
        {
            // Truncated or garbled output is usually a one-off; a retry of the job gets a fresh answer.
            throw new DraftingUnavailableException("The AI provider's reply was not valid JSON.", e);
        }
    }

    /// <summary>A readable reason, never including the key or the provider's raw response; null if this is not a provider failure.</summary>
    private string? Unavailable(Exception e) => e switch
    {
        HttpOperationException { StatusCode: { } status } => Describe(status),
        HttpOperationException { InnerException: OperationCanceledException } or OperationCanceledException => TimedOut(),
        ClientResultException { Status: > 0 } c => Describe((HttpStatusCode)c.Status),
        HttpOperationException or HttpRequestException or ClientResultException => "The AI provider could not be reached.",
        _ => null,
    };

    private string TimedOut() => $"The AI provider did not answer within {options.TimeoutSeconds} second{(options.TimeoutSeconds == 1 ? "" : "s")}.";

    private static string Describe(HttpStatusCode status) => (int)status switch
    {
        429 => "The AI provider is rate-limiting requests (HTTP 429).",
        401 or 403 => $"The AI provider refused the API key (HTTP {(int)status}); check AI:ApiKey.",
        404 => "The AI provider does not know this model or deployment (HTTP 404); check AI:Model and AI:Endpoint.",
        >= 500 => $"The AI provider had an error (HTTP {(int)status}).",
        _ => $"The AI provider rejected the request (HTTP {(int)status}).",
    };
}

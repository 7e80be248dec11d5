using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProjectSpark.IntegrationTests.Infrastructure;

public enum StubReply { Valid, ValidOther, Slow, RateLimited, ServerError, NotJson, BreaksTheRules, InventsAStandard }

/// <summary>One chat-completions request as the stub received it.</summary>
public sealed record CapturedRequest(string Path, string Query, string Body, IReadOnlyDictionary<string, string> Headers, string? Pseudonym);

/// <summary>
/// A loopback server (127.0.0.1, a free port) that speaks the OpenAI chat-completions wire protocol, for both the
/// OpenAI path (/v1/chat/completions) and Azure's (/openai/deployments/{deployment}/chat/completions). It captures
/// every request, and answers as <see cref="Script"/> says for the n-th call (1-based) of each request, told apart
/// by the pseudonym in the prompt. A valid reply drafts what the prompt asks for, naming the first interest.
/// </summary>
public sealed partial class OpenAIStub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _callsByPseudonym = new();
    private readonly CancellationTokenSource _stop = new();

    public string BaseUrl { get; }
    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();
    /// <summary>Every embeddings request (kept apart from the chat calls).</summary>
    public ConcurrentQueue<CapturedRequest> Embeddings { get; } = new();
    /// <summary>What to answer to the n-th call for one request; set before the request is made.</summary>
    public Func<int, StubReply> Script { get; set; } = _ => StubReply.Valid;
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(4);
    /// <summary>What the conversation-starters function answers.</summary>
    public static readonly string[] StarterReply = ["Which part of this would you want to try first?", "Who would you most like to show it to?"];

    public OpenAIStub()
    {
        // HttpListener cannot bind port 0: take a free port from the OS, then listen on it.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    public IReadOnlyList<CapturedRequest> RequestsFor(string pseudonym) => Requests.Where(r => r.Pseudonym == pseudonym).ToList();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (context.Request.Url!.AbsolutePath.EndsWith("/embeddings", StringComparison.Ordinal))
            {
                var headersSeen = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
                Embeddings.Enqueue(new CapturedRequest(context.Request.Url.AbsolutePath, context.Request.Url.Query, body, headersSeen, null));
                await WriteAsync(context, 200, EmbeddingReply(body));
                return;
            }
            var prompt = PromptText(body);
            var pseudonym = PseudonymPattern().Match(prompt) is { Success: true } m ? m.Groups[1].Value : null;
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new CapturedRequest(context.Request.Url!.AbsolutePath, context.Request.Url.Query, body, headers, pseudonym));
            if (prompt.Contains("BEGIN APPROVED PROJECT", StringComparison.Ordinal))
            {
                await WriteAsync(context, 200, Completion(new JsonObject { ["starters"] = new JsonArray(StarterReply.Select(s => (JsonNode)s).ToArray()) }.ToJsonString()));
                return;
            }
            var call = _callsByPseudonym.AddOrUpdate(pseudonym ?? "", 1, (_, n) => n + 1);

            switch (Script(call))
            {
                case StubReply.Slow:
                    await Task.Delay(SlowDelay, _stop.Token);
                    await WriteAsync(context, 200, Completion(ValidReply(prompt)));
                    break;
                case StubReply.RateLimited:
                    context.Response.Headers["Retry-After"] = "1";
                    await WriteAsync(context, 429, """{"error":{"message":"Rate limit reached","type":"rate_limit_error"}}""");
                    break;
                case StubReply.ServerError:
                    await WriteAsync(context, 500, """{"error":{"message":"The server had an error","type":"server_error"}}""");
                    break;
                case StubReply.NotJson:
                    await WriteAsync(context, 200, Completion("{\"ideas\": [ {\"title\": \"cut off mid"));
                    break;
                case StubReply.ValidOther:
                    await WriteAsync(context, 200, Completion(OtherValidReply(prompt)));
                    break;
                case StubReply.BreaksTheRules:
                    await WriteAsync(context, 200, Completion(RuleBreakingReply(prompt)));
                    break;
                case StubReply.InventsAStandard:
                    var invented = JsonNode.Parse(ValidReply(prompt))!;
                    foreach (var idea in invented["ideas"]!.AsArray()) idea!["standards"] = new JsonArray("CCSS.INVENTED.9.Z.1");
                    await WriteAsync(context, 200, Completion(invented.ToJsonString()));
                    break;
                default:
                    await WriteAsync(context, 200, Completion(ValidReply(prompt)));
                    break;
            }
        }
        catch (Exception)
        {
            // The client may have given up (timeout) or the stub is stopping; nothing to answer.
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>
    /// An embeddings reply: per input, its words hashed into a vector of the requested size (default 384), normalised,
    /// so texts that share words are close and unrelated ones are not, like a real model, only cruder.
    /// </summary>
    private static string EmbeddingReply(string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var inputs = request["input"] is JsonArray many ? many.Select(n => n!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];
        var size = request["dimensions"]?.GetValue<int>() ?? 384;
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = new float[size];
            foreach (var word in WordPattern().Matches(inputs[i].ToLowerInvariant()).Select(m => m.Value))
                vector[(int)((uint)StableHash(word) % (uint)size)] += 1f;
            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            if (norm == 0) vector[0] = norm = 1;
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v / norm)).ToArray()) });
        }
        var tokens = inputs.Sum(t => t.Length / 4 + 1);
        return new JsonObject
        {
            ["object"] = "list", ["data"] = data, ["model"] = request["model"]?.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }.ToJsonString();
    }

    private static int StableHash(string word)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in word) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    private static async Task WriteAsync(HttpListenerContext context, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    /// <summary>All message text of a chat request, whether content is a string or a list of parts.</summary>
    public static string PromptText(string body)
    {
        var messages = JsonNode.Parse(body)?["messages"]?.AsArray() ?? [];
        var text = new StringBuilder();
        foreach (var content in messages.Select(m => m?["content"]))
        {
            if (content is JsonArray parts) foreach (var part in parts) text.AppendLine(part?["text"]?.GetValue<string>());
            else if (content is JsonValue value) text.AppendLine(value.GetValue<string>());
        }
        return text.ToString();
    }

    private static string Completion(string content) => new JsonObject
    {
        ["id"] = "chatcmpl-stub",
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = "stub-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 900, ["completion_tokens"] = 1200, ["total_tokens"] = 2100 },
    }.ToJsonString();

    private static (int Count, string Interest) Asked(string prompt)
    {
        var count = CountPattern().Match(prompt) is { Success: true } c ? int.Parse(c.Groups[1].Value) : 1;
        var interests = InterestsPattern().Match(prompt) is { Success: true } i ? JsonSerializer.Deserialize<string[]>(i.Groups[1].Value) : null;
        // A class-unit prompt lists interests as counts: [{"interest","students"}].
        if (ClassInterestsPattern().Match(prompt) is { Success: true } ci)
            interests = JsonNode.Parse(ci.Groups[1].Value)!.AsArray().Select(n => n!["interest"]!.GetValue<string>()).ToArray();
        return (count, interests?.FirstOrDefault() ?? "something");
    }

    /// <summary>A class-unit prompt's standards; a valid class reply carries the teacher's, and only those.</summary>
    private static string[]? ClassStandards(string prompt) =>
        StandardsPattern().Match(prompt) is { Success: true } m ? JsonSerializer.Deserialize<string[]>(m.Groups[1].Value) : null;

    public static string ValidReply(string prompt)
    {
        var (count, interest) = Asked(prompt);
        var ideas = new JsonArray(Enumerable.Range(1, count).Select(n => (JsonNode)new JsonObject
        {
            ["title"] = $"Stub project {n}",
            ["drivingQuestion"] = $"How could project {n} help people in our town?",
            ["summary"] = "Research, make and show something real.",
            ["milestones"] = new JsonArray(
                new JsonObject { ["title"] = "Explore", ["week"] = 1 },
                new JsonObject { ["title"] = "Make", ["week"] = 2 },
                new JsonObject { ["title"] = "Show", ["week"] = 4 }),
            ["finalProduct"] = "A public exhibit",
            ["audience"] = "Families and neighbours",
            ["skills"] = new JsonArray("research", "presentation"),
            ["estimatedHours"] = 15,
            ["materials"] = new JsonArray("notebook"),
            ["whyItFits"] = $"It starts from their interest in {interest}.",
            ["conversationStarters"] = new JsonArray("What got you into this?", "Who would you show it to?"),
        }).ToArray());
        if (ClassStandards(prompt) is { } standards)
            foreach (var idea in ideas) idea!["standards"] = new JsonArray(standards.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray());
        return new JsonObject { ["ideas"] = ideas }.ToJsonString();
    }

    /// <summary>A valid reply about something else entirely: not a near-duplicate of <see cref="ValidReply"/>.</summary>
    public static string OtherValidReply(string prompt)
    {
        var (_, interest) = Asked(prompt);
        var reply = JsonNode.Parse(ValidReply(prompt))!;
        var n = 0;
        foreach (var idea in reply["ideas"]!.AsArray())
        {
            n++;
            idea!["title"] = $"A beginner's field guide to {interest}, volume {n}";
            idea["drivingQuestion"] = $"What would a newcomer need to know about {interest} in their first week?";
            idea["summary"] = $"Interview experienced people about {interest}, then write and illustrate a pocket guide for newcomers.";
        }
        return reply.ToJsonString();
    }

    /// <summary>Well-formed JSON that breaks the rules: too few milestones, and whyItFits names no interest.</summary>
    private static string RuleBreakingReply(string prompt)
    {
        var reply = JsonNode.Parse(ValidReply(prompt))!;
        foreach (var idea in reply["ideas"]!.AsArray())
        {
            idea!["milestones"] = new JsonArray(new JsonObject { ["title"] = "Everything", ["week"] = 1 });
            idea["whyItFits"] = "It is a good project.";
        }
        return reply.ToJsonString();
    }

    [GeneratedRegex(@"Pseudonym: (Student [0-9A-F]{6})")]
    private static partial Regex PseudonymPattern();

    [GeneratedRegex(@"Draft exactly (\d+) ")]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"Interests: (\[.*\])")]
    private static partial Regex InterestsPattern();

    [GeneratedRegex(@"Interests, with how many students named each: (\[.*\])")]
    private static partial Regex ClassInterestsPattern();

    [GeneratedRegex(@"Teacher's standards: (\[.*\])")]
    private static partial Regex StandardsPattern();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}

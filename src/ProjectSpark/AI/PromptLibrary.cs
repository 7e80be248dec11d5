using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProjectSpark.AI;

/// <summary>A prompt file: Semantic Kernel's prompt-template config plus the version that goes into draft provenance.</summary>
public sealed record PromptFile(string FileName, string Version, PromptTemplateConfig Config)
{
    public string Name => Config.Name ?? Path.GetFileNameWithoutExtension(FileName);
    /// <summary>What provenance records: the function's name and the file's version, e.g. "draft-student-projects@1".</summary>
    public string VersionTag => $"{Name}@{Version}";
}

/// <summary>
/// The prompt functions in prompts/*.yaml, in Semantic Kernel's prompt-template YAML shape plus a "version" field.
/// Microsoft.SemanticKernel.Yaml is not available here, so each file is read with YamlDotNet, turned into JSON and
/// given to PromptTemplateConfig.FromJson. Loaded once at startup; a bad file stops startup with its name.
/// </summary>
public sealed class PromptLibrary
{
    public const string DraftStudentProjects = "draft-student-projects";
    public const string DraftClassUnitProjects = "draft-class-unit-projects";
    public const string ReviseWithFeedback = "revise-with-feedback";
    public const string ConversationStarters = "conversation-starters";

    private readonly Dictionary<string, PromptFile> _prompts;

    private PromptLibrary(Dictionary<string, PromptFile> prompts) => _prompts = prompts;

    public IReadOnlyCollection<PromptFile> All => _prompts.Values;

    public PromptFile this[string name] => _prompts.TryGetValue(name, out var p) ? p
        : throw new InvalidOperationException($"No prompt named '{name}' was loaded; expected prompts/{name}.yaml.");

    public static PromptLibrary Load(string folder, params string[] required)
    {
        if (!Directory.Exists(folder)) throw new InvalidOperationException($"Prompt folder '{folder}' does not exist.");
        var prompts = new Dictionary<string, PromptFile>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var prompt = LoadFile(file);
            if (!prompts.TryAdd(prompt.Name, prompt))
                throw new InvalidOperationException($"Prompt file '{Path.GetFileName(file)}' is invalid: the name '{prompt.Name}' is already used.");
        }
        var missing = required.Where(r => !prompts.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Prompt folder '{folder}' lacks {string.Join(", ", missing.Select(m => $"'{m}.yaml'"))}.");
        return new PromptLibrary(prompts);
    }

    public static PromptFile LoadFile(string path)
    {
        var fileName = Path.GetFileName(path);
        try
        {
            var json = YamlToJson(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException("the file is not a YAML mapping");
            var version = json["version"]?.ToString();
            if (string.IsNullOrWhiteSpace(version)) throw new InvalidDataException("'version' is required");
            // "version" is ours, not Semantic Kernel's.
            json.Remove("version");
            var config = PromptTemplateConfig.FromJson(json.ToJsonString());
            if (string.IsNullOrWhiteSpace(config.Name)) throw new InvalidDataException("'name' is required");
            if (string.IsNullOrWhiteSpace(config.Template)) throw new InvalidDataException("'template' is required");
            if (config.TemplateFormat != PromptTemplateConfig.SemanticKernelTemplateFormat)
                throw new InvalidDataException($"'template_format' must be '{PromptTemplateConfig.SemanticKernelTemplateFormat}'");
            foreach (var variable in config.InputVariables)
                if (!config.Template.Contains("{{$" + variable.Name + "}}", StringComparison.Ordinal))
                    throw new InvalidDataException($"input variable '{variable.Name}' is never used in the template");
            return new PromptFile(fileName, version.Trim(), config);
        }
        catch (Exception e) when (e is YamlException or InvalidDataException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Prompt file '{fileName}' is invalid: {e.Message}", e);
        }
    }

    /// <summary>
    /// YAML to JSON with YAML's scalar typing: plain (unquoted) numbers, booleans and nulls become JSON numbers,
    /// booleans and nulls, so execution settings such as temperature reach Semantic Kernel as numbers.
    /// </summary>
    public static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"unsupported YAML node at {node.Start}"),
    };

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var value = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain) return JsonValue.Create(value);
        if (value is "" or "~" or "null") return null;
        if (value is "true" or "false") return JsonValue.Create(value == "true");
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(value);
    }
}

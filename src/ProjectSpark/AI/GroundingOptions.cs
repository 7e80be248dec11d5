namespace ProjectSpark.AI;

/// <summary>
/// The "AI:Grounding" section. Examples: how many of the school's approved or delivered projects closest to the
/// student's interests and focus are shown to the generator (0 turns grounding off). DuplicateThreshold: a new draft
/// whose cosine similarity to one the student was already shown is above this is drafted again once, then flagged.
/// </summary>
public sealed record GroundingOptions(int Examples, double DuplicateThreshold)
{
    public const int DefaultExamples = 3, MaxExamples = 10;
    public const double DefaultDuplicateThreshold = 0.92;

    public static GroundingOptions From(IConfiguration config)
    {
        var section = config.GetSection("AI:Grounding");
        var options = new GroundingOptions(section.GetValue("Examples", DefaultExamples), section.GetValue("DuplicateThreshold", DefaultDuplicateThreshold));
        if (options.Examples is < 0 or > MaxExamples)
            throw new InvalidOperationException($"AI:Grounding:Examples must be between 0 and {MaxExamples}.");
        if (options.DuplicateThreshold is <= 0 or > 1)
            throw new InvalidOperationException("AI:Grounding:DuplicateThreshold must be above 0 and at most 1.");
        return options;
    }
}

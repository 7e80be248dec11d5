namespace ProjectSpark.AI;

/// <summary>
/// Model output is untrusted. A reply is accepted only if every idea is a complete brief of sane size that names one
/// of the student's own interests; otherwise the errors are listed, in words the model (and a reviewer) can act on.
/// </summary>
public static class DraftReplyValidator
{
    public const int MinMilestones = 3, MaxMilestones = 6, MinStarters = 2, MaxStarters = 3;

    public static IReadOnlyList<string> Validate(DraftReply? reply, int expectedCount, IReadOnlyList<string> interests)
    {
        if (reply?.Ideas is null) return ["The reply has no 'ideas' array."];
        var errors = new List<string>();
        if (reply.Ideas.Count != expectedCount) errors.Add($"Expected exactly {expectedCount} ideas, got {reply.Ideas.Count}.");
        for (var i = 0; i < reply.Ideas.Count; i++) ValidateIdea(reply.Ideas[i], $"ideas[{i}]", interests, errors);
        return errors;
    }

    /// <summary>A class reply: every brief as for a student, against the class's interests, and no standard the teacher did not give.</summary>
    public static IReadOnlyList<string> ValidateClass(ClassDraftReply? reply, int expectedCount, IReadOnlyList<string> interests,
        IReadOnlyList<string> standards)
    {
        if (reply?.Ideas is null) return ["The reply has no 'ideas' array."];
        var errors = new List<string>();
        if (reply.Ideas.Count != expectedCount) errors.Add($"Expected exactly {expectedCount} ideas, got {reply.Ideas.Count}.");
        for (var i = 0; i < reply.Ideas.Count; i++)
        {
            var at = $"ideas[{i}]";
            ValidateIdea(reply.Ideas[i], at, interests, errors);
            var given = reply.Ideas[i]?.Standards ?? [];
            for (var s = 0; s < given.Count; s++)
                if (!standards.Contains(given[s]?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
                    errors.Add(standards.Count == 0
                        ? $"{at}.standards[{s}] must not exist: the teacher gave no standards, so 'standards' must be empty."
                        : $"{at}.standards[{s}] \"{given[s]}\" was not given by the teacher; use only: {string.Join(", ", standards.Select(x => $"\"{x}\""))}.");
        }
        return errors;
    }

    private static void ValidateIdea(DraftReplyIdea? idea, string at, IReadOnlyList<string> interests, List<string> errors)
    {
        if (idea is null) { errors.Add($"{at} is null."); return; }
        Text(idea.Title, $"{at}.title", 200, errors);
        Text(idea.DrivingQuestion, $"{at}.drivingQuestion", 500, errors);
        Text(idea.Summary, $"{at}.summary", 3000, errors);
        Text(idea.FinalProduct, $"{at}.finalProduct", 1000, errors);
        Text(idea.Audience, $"{at}.audience", 500, errors);
        Text(idea.WhyItFits, $"{at}.whyItFits", 1000, errors);
        if (idea.EstimatedHours is < 1 or > 200) errors.Add($"{at}.estimatedHours must be between 1 and 200.");

        var milestones = idea.Milestones ?? [];
        if (milestones.Count is < MinMilestones or > MaxMilestones)
            errors.Add($"{at}.milestones must have {MinMilestones} to {MaxMilestones} items, not {milestones.Count}.");
        for (var m = 0; m < milestones.Count; m++)
        {
            Text(milestones[m]?.Title, $"{at}.milestones[{m}].title", 200, errors);
            var week = milestones[m]?.Week ?? 0;
            if (week is < 1 or > 52) errors.Add($"{at}.milestones[{m}].week must be between 1 and 52.");
            if (m > 0 && week <= (milestones[m - 1]?.Week ?? 0)) errors.Add($"{at}.milestones weeks must be strictly ascending.");
        }
        List(idea.Skills, $"{at}.skills", 1, 10, 100, errors);
        List(idea.Materials, $"{at}.materials", 0, 15, 200, errors);
        List(idea.ConversationStarters, $"{at}.conversationStarters", MinStarters, MaxStarters, 300, errors);

        if (!string.IsNullOrWhiteSpace(idea.WhyItFits) && !NamesAnInterest(idea.WhyItFits, interests))
            errors.Add($"{at}.whyItFits must name at least one of the student's interests word for word: {string.Join(", ", interests.Select(i => $"\"{i}\""))}.");
    }

    public static bool NamesAnInterest(string text, IReadOnlyList<string> interests) =>
        interests.Any(i => text.Contains(i.Trim(), StringComparison.OrdinalIgnoreCase));

    private static void Text(string? value, string at, int max, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{at} is required.");
        else if (value.Length > max) errors.Add($"{at} must be at most {max} characters.");
    }

    private static void List(List<string>? items, string at, int min, int max, int maxLength, List<string> errors)
    {
        var list = items ?? [];
        if (list.Count < min || list.Count > max) errors.Add($"{at} must have {min} to {max} items, not {list.Count}.");
        for (var i = 0; i < list.Count; i++) Text(list[i], $"{at}[{i}]", maxLength, errors);
    }
}

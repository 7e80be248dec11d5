namespace ProjectSpark.AI;

/// <summary>
/// Model output is untrusted. A reply is accepted only if every idea is a complete brief of sane size that names one
/// of the student's own interests; otherwise the errors are listed, in words the model (and a reviewer) can act on.
/// </summary>
public static class DraftReplyValidator
{
    public const int MinMilestones = 3, MaxMilestones = 6, MinStarters = 2, MaxStarters = 3;

    /// <summary>
    /// What a standards code looks like in running text: Common Core (CCSS.MATH.CONTENT.7.RP.A.1, RL.8.1, 7.RP.A.1),
    /// NGSS performance expectations (MS-PS2-2, HS-LS1-1, K-ESS3-1), and state codes in the same shapes.
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex StandardCode = new(
        @"\bCCSS(?:\.[A-Za-z0-9-]+)+|\b(?:K|[1-5]|MS|HS)-[A-Z]{2,4}\d(?:-\d+)+\b|\b(?:RL|RI|RF|W|SL|L|RH|RST|WHST)\.\d{1,2}(?:-\d{1,2})?\.\d{1,2}[a-z]?\b|\b(?:K|\d{1,2})\.[A-Z]{1,3}\.[A-Z]\.\d{1,2}[a-z]?\b",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Standards codes written into an idea's text that are not in the allowed list (the teacher's; none for a student).</summary>
    public static IReadOnlyList<string> CodesInText(DraftReplyIdea idea, IReadOnlyList<string> allowed) =>
        new[] { idea.Title, idea.DrivingQuestion, idea.Summary, idea.FinalProduct, idea.Audience, idea.WhyItFits }
            .Concat(idea.Milestones?.Select(m => m?.Title) ?? []).Concat(idea.Skills ?? [])
            .Where(t => !string.IsNullOrEmpty(t)).SelectMany(t => StandardCode.Matches(t!).Select(m => m.Value))
            .Where(code => !allowed.Contains(code, StringComparer.OrdinalIgnoreCase)).Distinct().ToList();

    public static IReadOnlyList<string> Validate(DraftReply? reply, int expectedCount, IReadOnlyList<string> interests)
    {
        if (reply?.Ideas is null) return ["The reply has no 'ideas' array."];
        var errors = new List<string>();
        if (reply.Ideas.Count != expectedCount) errors.Add($"Expected exactly {expectedCount} ideas, got {reply.Ideas.Count}.");
        for (var i = 0; i < reply.Ideas.Count; i++)
        {
            ValidateIdea(reply.Ideas[i], $"ideas[{i}]", interests, errors);
            if (reply.Ideas[i] is { } idea && CodesInText(idea, []) is { Count: > 0 } codes)
                errors.Add($"ideas[{i}] names standards codes ({string.Join(", ", codes)}); never write standards codes in a student's project.");
        }
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
            if (reply.Ideas[i] is { } idea && CodesInText(idea, standards) is { Count: > 0 } codes)
                errors.Add($"{at} writes standards codes the teacher did not give ({string.Join(", ", codes)}); mention only: " +
                           (standards.Count == 0 ? "none." : string.Join(", ", standards.Select(x => $"\"{x}\"")) + "."));
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

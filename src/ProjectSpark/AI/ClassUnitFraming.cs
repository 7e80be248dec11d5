using System.Globalization;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.AI;

/// <summary>
/// Turns a pattern filled with one of the class's interests into a brief for the teacher's unit: the unit and subject
/// in the title, question, summary and skills, the milestones spread over the unit's weeks, the teacher's standards
/// (and only those), and a whyItFits that says how many students share the interest.
/// </summary>
public static class ClassUnitFraming
{
    public static DraftContent Frame(DraftContent c, ClassUnitBrief b, InterestCount interest)
    {
        var subject = string.IsNullOrWhiteSpace(b.Subject) ? "" : b.Subject.Trim() + " ";
        var grade = b.GradeLevel == 0 ? "kindergarten" : "grade " + b.GradeLevel.ToString(CultureInfo.InvariantCulture);
        return c with
        {
            Title = Cap($"{b.Unit}: {c.Title}", 200),
            DrivingQuestion = Cap($"{c.DrivingQuestion.TrimEnd().TrimEnd('?')}, using what we learn about {b.Unit}?", 500),
            Summary = Cap($"A {b.DurationWeeks}-week {subject}unit on {b.Unit} for {grade}, built around what this class is into. " +
                          $"{c.Summary} Along the way students apply what the unit teaches about {b.Unit}.", 3000),
            Milestones = Spread(c.Milestones, b.DurationWeeks, b.Unit),
            Skills = [Cap($"{(subject.Length > 0 ? subject.Trim() : "Unit")}: {b.Unit}", 100), .. c.Skills],
            WhyItFits = WhyItFits(b, interest),
            Standards = b.Standards.ToList(),
        };
    }

    /// <summary>Names the interest the project starts from and the next most shared ones, with how many students named each.</summary>
    public static string WhyItFits(ClassUnitBrief b, InterestCount interest)
    {
        var others = b.Interests.Where(i => !ReferenceEquals(i, interest) && i.Interest != interest.Interest).Take(2)
            .Select(i => $"{i.Interest} ({Students(i.Students)})").ToList();
        var also = others.Count > 0 ? $" The class also shares {string.Join(" and ", others)}." : "";
        return $"{Students(interest.Students)} of {b.StudentCount} in this class named {interest.Interest}: this project starts from " +
               $"{interest.Interest} and carries the {b.Unit} unit, so the content comes with a reason students already care about.{also}";
    }

    private static string Students(int n) => n == 1 ? "1 student" : $"{n} students";

    /// <summary>The pattern's path over the unit's length: ascending weeks when the unit is long enough, never beyond its last week.</summary>
    public static IReadOnlyList<Milestone> Spread(IReadOnlyList<Milestone> milestones, int weeks, string unit)
    {
        var n = milestones.Count;
        if (n == 0) return milestones;
        var last = Math.Max(1, milestones.Max(m => m.Week));
        var result = new List<Milestone>(n);
        var previous = 0;
        for (var i = 0; i < n; i++)
        {
            int week;
            if (weeks >= n)
                week = Math.Clamp((int)Math.Ceiling(milestones[i].Week * (double)weeks / last), previous + 1, weeks - (n - 1 - i));
            else
                week = Math.Max(previous, (int)Math.Ceiling((i + 1) * (double)weeks / n));
            var title = i == 0 ? $"Launch the {unit} unit: {milestones[i].Title}" : milestones[i].Title;
            result.Add(new Milestone(Cap(title, 200), week));
            previous = week;
        }
        return result;
    }

    private static string Cap(string s, int max) => s.Length <= max ? s : s[..max];
}

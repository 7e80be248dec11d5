using Microsoft.EntityFrameworkCore;
using ProjectSpark.AI;
using ProjectSpark.Data;

namespace ProjectSpark.Features.Classes;

/// <summary>
/// What a class is into, as counts only: how many enrolled students named each interest. No name, id or email
/// leaves this method, so nothing downstream (a generator, a prompt, a reviewer) can learn who said what.
/// </summary>
public static class ClassInterests
{
    public const int Top = 10;

    public static async Task<(IReadOnlyList<InterestCount> Interests, int StudentCount)> AggregateAsync(SparkDbContext db, Guid classId, CancellationToken ct)
    {
        var lists = await (from m in db.ClassMembers.AsNoTracking()
                           join s in db.Students.AsNoTracking() on m.StudentId equals s.Id
                           where m.ClassId == classId && m.Role == ClassRole.Student
                           select s.Interests).ToListAsync(ct);
        return (Count(lists), lists.Count);
    }

    /// <summary>Interests compared ignoring case; each is shown in the spelling most students used (lower case on a tie).</summary>
    public static IReadOnlyList<InterestCount> Count(IEnumerable<IReadOnlyList<string>> perStudent, int top = Top) =>
        perStudent
            .SelectMany(list => list.Select(i => i.Trim()).Where(i => i.Length > 0).DistinctBy(i => i.ToLowerInvariant()))
            .GroupBy(i => i.ToLowerInvariant())
            .Select(g => new InterestCount(
                g.GroupBy(x => x, StringComparer.Ordinal).OrderByDescending(x => x.Count())
                    .ThenByDescending(x => x.Key == x.Key.ToLowerInvariant()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key,
                g.Count()))
            .OrderByDescending(c => c.Students).ThenBy(c => c.Interest, StringComparer.OrdinalIgnoreCase)
            .Take(top)
            .ToList();
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.Data;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Ideas;

/// <summary>
/// AI:DailyTokenBudgetPerSchool (unset or 0: unlimited): once a school's requests created since midnight UTC have
/// spent that many tokens (input + output), new requests are refused until the next midnight UTC. A request's
/// tokens are known only when it finishes, so requests already running may take a school somewhat past the budget.
/// </summary>
public sealed class IdeaBudget(SparkDbContext db, IConfiguration config, TimeProvider clock)
{
    public long? DailyTokens { get; } = config.GetValue<long?>("AI:DailyTokenBudgetPerSchool") is > 0 and var b ? b : null;

    public async Task EnsureAvailableAsync(Guid schoolId, CancellationToken ct)
    {
        if (DailyTokens is not { } budget) return;
        var now = clock.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var used = await db.IdeaRequests.Where(r => r.SchoolId == schoolId && r.CreatedAt >= midnight)
            .SumAsync(r => (long)(r.InputTokens ?? 0) + (r.OutputTokens ?? 0), ct);
        if (used < budget) return;
        var reset = (int)Math.Ceiling((midnight.AddDays(1) - now).TotalSeconds);
        throw new TooManyRequestsException(
            $"The school's daily AI budget of {budget.ToString("N0", CultureInfo.InvariantCulture)} tokens is used up; it resets at midnight UTC.", reset);
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProjectSpark.Data;
using ProjectSpark.Features.Staff;

// Benchmarks: speed and memory goals live here, never in timed tests. Run in Release:
//   dotnet run -c Release --project bench/ProjectSpark.Bench                      (embedded SQLite)
//   PROJECTSPARK_BENCH_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres" dotnet run -c Release --project bench/ProjectSpark.Bench
//   (a server with pgvector, e.g. scripts/postgres.sh; the bench creates a fresh database on it and leaves it there)
// Each scenario prints its time and the peak managed heap while it ran: an import streamed in batches keeps the
// peak about the same whether the file has 36 thousand rows or 360 thousand.

public static class BenchMain
{
    public static async Task Main()
    {
        var postgres = Environment.GetEnvironmentVariable("PROJECTSPARK_BENCH_POSTGRES") is { Length: > 0 } server ? await FreshDatabaseAsync(server) : null;
        var sqlite = Path.Combine(Path.GetTempPath(), $"projectspark-bench-{Guid.NewGuid():N}.db");
        await using var app = new BenchApp(postgres, sqlite);
        var admin = await app.AdminAsync();
        Console.WriteLine($"# ProjectSpark benchmarks ({(postgres is null ? "embedded SQLite" : "PostgreSQL")}, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
        Console.WriteLine();
        Console.WriteLine("| scenario | rows | time | rows/s | peak managed heap (with uncollected garbage) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");

        var emails = await Bench.PeopleAsync(admin, 2000);
        foreach (var days in new[] { 18, 180 })
            await Bench.AttendanceAsync(admin, emails, days);
        await Bench.DraftingAsync(app, admin, requests: 21);
        if (postgres is not null) Console.WriteLine($"\n(The database {new Npgsql.NpgsqlConnectionStringBuilder(postgres).Database} is left in place; drop it when done.)");
        else File.Delete(sqlite);
    }

    /// <summary>A new, empty database on the given server for this run (the app migrates it at startup).</summary>
    private static async Task<string> FreshDatabaseAsync(string server)
    {
        var name = $"projectspark_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}

static class Bench
{
    public static async Task<List<string>> PeopleAsync(HttpClient admin, int students)
    {
        var emails = Enumerable.Range(1, students).Select(i => $"bench-student-{i}@bench.test").ToList();
        var csv = new StringBuilder("role,name,email,grade,sourcedId\n");
        for (var i = 0; i < students; i++) csv.Append($"student,Bench Student {i + 1},{emails[i]},{9 + i % 4},bench-{i + 1}\n");
        await Measure($"roster: {students} students (plain CSV)", students, async () =>
        {
            var response = await admin.PostAsync("/api/roster/people", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
            response.EnsureSuccessStatusCode();
        });
        return emails;
    }

    public static async Task AttendanceAsync(HttpClient admin, List<string> emails, int days)
    {
        var rows = emails.Count * days;
        await Measure($"attendance CSV: {emails.Count} students x {days} days", rows, async () =>
        {
            var content = new StreamContent(new GeneratedCsv(emails, days));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var response = await admin.PostAsync("/api/attendance/import", content);
            response.EnsureSuccessStatusCode();
            var report = await response.Content.ReadFromJsonAsync<JsonObject>();
            if (report!["errors"]!.AsArray().Count > 0) throw new InvalidOperationException("The generated file had errors: " + report["errors"]);
        });
    }

    public static async Task DraftingAsync(BenchApp app, HttpClient admin, int requests)
    {
        var mentorEmail = "bench-mentor@bench.test";
        (await admin.PostAsJsonAsync("/api/staff", new { name = "Bench Mentor", email = mentorEmail, roles = new[] { "mentor" } })).EnsureSuccessStatusCode();
        var mentorId = (await admin.GetFromJsonAsync<JsonObject>("/api/staff"))!["items"]!.AsArray().First(s => s!["email"]!.GetValue<string>() == mentorEmail)!["id"]!.GetValue<Guid>();
        var mentor = await app.ClientForAsync(mentorEmail);
        var students = (await admin.GetFromJsonAsync<JsonObject>("/api/students"))!["items"]!.AsArray().Take(requests).Select(s => s!["id"]!.GetValue<Guid>()).ToList();
        string[][] interests = [["guitar", "skateboarding"], ["baking", "minecraft"], ["horses", "photography"], ["soccer", "coding"]];
        for (var i = 0; i < students.Count; i++)
        {
            (await admin.PutAsJsonAsync($"/api/students/{students[i]}/mentor", new { mentorId })).EnsureSuccessStatusCode();
            (await mentor.PutAsJsonAsync($"/api/students/{students[i]}/interests", new { interests = interests[i % interests.Length] })).EnsureSuccessStatusCode();
        }
        var latencies = new List<double>();
        var warmUp = Stopwatch.StartNew();
        await DraftOnceAsync(mentor, students[^1]);
        Console.WriteLine($"| offline drafting: first request (loads the MiniLM model) | 1 | {warmUp.Elapsed.TotalSeconds:0.0} s | | |");
        students = students[..^1];
        await Measure($"offline drafting: {students.Count} requests x 3 ideas, one at a time", students.Count, async () =>
        {
            foreach (var student in students)
            {
                var clock = Stopwatch.StartNew();
                await DraftOnceAsync(mentor, student);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        });
        latencies.Sort();
        Console.WriteLine($"\nDrafting latency, request to drafted (includes the job queue's poll interval): median {latencies[latencies.Count / 2]:0} ms, " +
                          $"p95 {latencies[(int)(latencies.Count * 0.95)]:0} ms");
    }

    private static async Task DraftOnceAsync(HttpClient mentor, Guid student)
    {
        var created = await mentor.PostAsJsonAsync($"/api/students/{student}/idea-requests", new { count = 3 });
        created.EnsureSuccessStatusCode();
        var location = created.Headers.Location!.ToString();
        string status;
        while ((status = (await mentor.GetFromJsonAsync<JsonObject>(location))!["status"]!.GetValue<string>()) is "queued" or "drafting")
            await Task.Delay(20);
        if (status != "drafted") throw new InvalidOperationException($"Request {location} ended {status}.");
    }

    private static async Task Measure(string name, int rows, Func<Task> scenario)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long peak = GC.GetTotalMemory(true);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                try { await Task.Delay(25, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        await scenario();
        clock.Stop();
        sampling.Cancel();
        await sampler;
        Console.WriteLine($"| {name} | {rows:N0} | {clock.Elapsed.TotalSeconds:0.0} s | {rows / clock.Elapsed.TotalSeconds:N0} | {peak / 1024.0 / 1024:0} MB |");
    }
}

/// <summary>An attendance CSV made as it is read, so the client never holds the file in memory either.</summary>
sealed class GeneratedCsv(List<string> emails, int days) : Stream
{
    private static readonly DateOnly First = new(2026, 8, 24);
    private readonly IEnumerator<byte[]> _lines = Lines(emails, days).GetEnumerator();
    private byte[] _current = [];
    private int _offset;

    private static IEnumerable<byte[]> Lines(List<string> emails, int days)
    {
        yield return "email,date,status\n"u8.ToArray();
        var schoolDays = new List<DateOnly>();
        for (var d = First; schoolDays.Count < days; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) schoolDays.Add(d);
        string[] statuses = ["present", "present", "present", "present", "present", "present", "present", "tardy", "absent", "excused"];
        for (var s = 0; s < emails.Count; s++)
            foreach (var (day, i) in schoolDays.Select((d, i) => (d, i)))
                yield return Encoding.UTF8.GetBytes($"{emails[s]},{day:yyyy-MM-dd},{statuses[(s * 7 + i * 13) % statuses.Length]}\n");
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count)
        {
            if (_offset == _current.Length)
            {
                if (!_lines.MoveNext()) break;
                (_current, _offset) = (_lines.Current, 0);
            }
            var n = Math.Min(count - written, _current.Length - _offset);
            Array.Copy(_current, _offset, buffer, offset + written, n);
            (_offset, written) = (_offset + n, written + n);
        }
        return written;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>The real app in process, Development environment (dev tokens), no demo seed, quiet logs.</summary>
sealed class BenchApp(string? postgres, string sqlite) : WebApplicationFactory<Program>
{
    private const string AdminEmail = "bench-admin@bench.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(ContentRoot());
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("ConnectionStrings:Postgres", postgres ?? "");
        builder.UseSetting("Storage:SqlitePath", postgres is null ? sqlite : "");
        builder.UseSetting("Hangfire:QueuePollMilliseconds", "200");
        builder.UseSetting("RateLimiting:IdeaRequestsPerUserPerMinute", "1000");
        builder.UseSetting("Mentoring:MaxStudentsPerMentor", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:ProjectSpark", "Warning");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>src/ProjectSpark, found from the bench's output folder upward.</summary>
    private static string ContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "src", "ProjectSpark", "ProjectSpark.csproj"))) return Path.Combine(dir.FullName, "src", "ProjectSpark");
        throw new InvalidOperationException("Run the bench from inside the repository: src/ProjectSpark was not found above " + AppContext.BaseDirectory);
    }

    public async Task<HttpClient> AdminAsync()
    {
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SparkDbContext>();
            var school = new School("Bench school");
            db.Schools.Add(school);
            db.Staff.Add(new StaffMember(school.Id, "Bench Admin", AdminEmail, StaffRoles.Admin));
            await db.SaveChangesAsync();
        }
        return await ClientForAsync(AdminEmail);
    }

    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromMinutes(30);
        var token = (await (await client.PostAsJsonAsync("/api/dev/tokens", new { email })).Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace ProjectSpark.IntegrationTests.Infrastructure;

/// <summary>
/// The OneRoster exports in shared/fixtures/oneroster (read in place, never copied: their licence differs), and
/// helpers to post them and read a roster report back in a compact form the tests can compare with literals.
/// </summary>
public static class RosterFixtures
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "oneroster");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"shared/fixtures/oneroster was not found in any folder above {AppContext.BaseDirectory}. The roster tests read the " +
            "OneRoster fixtures from the shared/ folder beside the repository checkout; copy shared/ there.");
    }

    public static Task<HttpResponseMessage> PostZip(this HttpClient client, string fixture, bool dryRun)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(Folder, fixture)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return client.PostAsync($"/api/roster/import?dryRun={dryRun.ToString().ToLowerInvariant()}", content);
    }

    /// <summary>The fixture's CSV files as separate multipart parts, as an admin picking files in a form would send them.</summary>
    public static Task<HttpResponseMessage> PostFiles(this HttpClient client, string fixture, bool dryRun)
    {
        var form = new MultipartFormDataContent();
        using var zip = ZipFile.OpenRead(Path.Combine(Folder, fixture));
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            form.Add(new ByteArrayContent(copy.ToArray()), "files", entry.Name);
        }
        return client.PostAsync($"/api/roster/import?dryRun={dryRun.ToString().ToLowerInvariant()}", form);
    }

    public static Task<HttpResponseMessage> PostZipBytes(this HttpClient client, byte[] zip, bool dryRun = false)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return client.PostAsync($"/api/roster/import?dryRun={dryRun.ToString().ToLowerInvariant()}", content);
    }

    public static Task<HttpResponseMessage> PostCsv(this HttpClient client, string url, string csv) =>
        client.PostAsync(url, new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

    public static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in files)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        return buffer.ToArray();
    }

    /// <summary>"created/updated/unchanged/skipped" for one kind.</summary>
    public static string Counts(this JsonObject report, string kind)
    {
        var c = report[kind]!;
        return $"{c["created"]}/{c["updated"]}/{c["unchanged"]}/{c["skipped"]}";
    }

    /// <summary>"file:line:field" for each error or warning, in report order.</summary>
    public static string[] Issues(this JsonObject report, string list) =>
        report[list]!.AsArray().Select(e => $"{e!["file"]}:{e["line"]}:{e["field"]}").ToArray();

    /// <summary>What the school holds: students, staff (besides the test's admin), classes, class members.</summary>
    public static Task<(int Students, int Staff, int Classes, int Members)> Held(this SparkFactory factory, Guid school) =>
        factory.WithDbAsync(async db => (
            await db.Students.CountAsync(s => s.SchoolId == school),
            await db.Staff.CountAsync(s => s.SchoolId == school) - 1,
            await db.Classes.CountAsync(c => c.SchoolId == school),
            await db.ClassMembers.CountAsync(m => db.Classes.Any(c => c.Id == m.ClassId && c.SchoolId == school))));

    /// <summary>
    /// Emails are unique across all schools, and two fixtures share the same people; each fixture test removes what
    /// it imported so the next one meets a clean database (tests in one collection run one at a time).
    /// </summary>
    public static Task Forget(this SparkFactory factory, Guid school) =>
        factory.WithDbAsync(async db =>
        {
            await db.ClassMembers.Where(m => db.Classes.Any(c => c.Id == m.ClassId && c.SchoolId == school)).ExecuteDeleteAsync();
            await db.Classes.Where(c => c.SchoolId == school).ExecuteDeleteAsync();
            await db.Students.Where(s => s.SchoolId == school).ExecuteDeleteAsync();
            return await db.Staff.Where(s => s.SchoolId == school && s.SourcedId != null).ExecuteDeleteAsync();
        });
}

namespace ProjectSpark.Infrastructure;

/// <summary>
/// An uploaded import file kept on disk between the dry run an admin reviews and the import they then confirm,
/// so they never have to choose the file twice. A file belongs to one person at one school, is found only by an
/// unguessable token, is deleted once imported, and anything older than a day is swept away.
/// </summary>
public sealed class StagedUploads(IConfiguration config, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private string Root => config["Imports:StagingPath"] is { Length: > 0 } path ? path : Path.Combine(Path.GetTempPath(), "projectspark-uploads");

    public async Task<string> SaveAsync(Guid school, Guid user, string kind, Stream content, CancellationToken ct)
    {
        Sweep();
        var token = Guid.NewGuid().ToString("N");
        var path = PathOf(school, user, kind, token);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, ct);
        return token;
    }

    /// <summary>The staged file, or null when the token is not this person's (or has expired).</summary>
    public FileStream? Open(Guid school, Guid user, string kind, string? token)
    {
        if (!Guid.TryParseExact(token, "N", out _)) return null;
        var path = PathOf(school, user, kind, token!);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public void Delete(Guid school, Guid user, string kind, string token)
    {
        if (Guid.TryParseExact(token, "N", out _)) File.Delete(PathOf(school, user, kind, token));
    }

    private string PathOf(Guid school, Guid user, string kind, string token) =>
        Path.Combine(Root, school.ToString("N"), user.ToString("N"), $"{kind}-{token}");

    private void Sweep()
    {
        if (!Directory.Exists(Root)) return;
        var cutoff = clock.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            if (File.GetLastWriteTimeUtc(file) < cutoff)
                try { File.Delete(file); } catch (IOException) { /* in use by a running import; next sweep */ }
    }
}

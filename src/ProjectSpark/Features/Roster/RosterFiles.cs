using System.IO.Compression;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.Features.Roster;

/// <summary>
/// The CSV files of one OneRoster export, opened by name (ignoring case and any folder inside a zip), one at a time
/// and forward-only. A zip body is spooled to a temporary file first because a zip's directory sits at its end.
/// </summary>
public sealed class RosterFiles : IAsyncDisposable
{
    private readonly ZipArchive? _zip;
    private readonly FileStream? _spool;
    private readonly IFormFileCollection? _form;

    private RosterFiles(ZipArchive? zip, FileStream? spool, IFormFileCollection? form)
    {
        _zip = zip;
        _spool = spool;
        _form = form;
    }

    public static async Task<RosterFiles> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await ReadFormAsync(request, ct);
            if (form.Files.Count == 0) throw new RequestValidationException("files", "Attach the OneRoster CSV files (users.csv, classes.csv, enrollments.csv ...) or send one zip.");
            var zipPart = form.Files.FirstOrDefault(f => f.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase));
            if (zipPart is null) return new RosterFiles(null, null, form.Files);
            await using var part = zipPart.OpenReadStream();
            return await FromZipAsync(part, ct);
        }
        return await FromZipAsync(request.Body, ct);
    }

    /// <summary>A form that cannot be parsed (no boundary, a broken part, over the form limits) is the caller's fault.</summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            throw new RequestValidationException("files", $"The multipart/form-data body could not be read: {e.Message}");
        }
    }

    public static async Task<RosterFiles> FromZipAsync(Stream body, CancellationToken ct)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await body.CopyToAsync(spool, ct);
            spool.Position = 0;
            return new RosterFiles(new ZipArchive(spool, ZipArchiveMode.Read, leaveOpen: true), spool, null);
        }
        catch (InvalidDataException)
        {
            await spool.DisposeAsync();
            throw new RequestValidationException("body", "The body is not a zip file. Send a OneRoster zip (application/zip) or the CSV files as multipart/form-data.");
        }
    }

    public Stream? Open(string name)
    {
        if (_form is not null)
            return _form.FirstOrDefault(f => string.Equals(Path.GetFileName(f.FileName), name, StringComparison.OrdinalIgnoreCase))?.OpenReadStream();
        return _zip!.Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))?.Open();
    }

    public bool Contains(string name)
    {
        if (_form is not null) return _form.Any(f => string.Equals(Path.GetFileName(f.FileName), name, StringComparison.OrdinalIgnoreCase));
        return _zip!.Entries.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask DisposeAsync()
    {
        _zip?.Dispose();
        if (_spool is not null) await _spool.DisposeAsync();
    }
}

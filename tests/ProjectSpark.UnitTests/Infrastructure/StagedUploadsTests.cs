using Microsoft.Extensions.Configuration;
using ProjectSpark.Infrastructure;

namespace ProjectSpark.UnitTests.Infrastructure;

public sealed class StagedUploadsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"staged-{Guid.NewGuid():N}");
    private readonly StagedUploads _staged;
    private readonly Guid _school = Guid.NewGuid(), _admin = Guid.NewGuid();

    public StagedUploadsTests() =>
        _staged = new StagedUploads(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Imports:StagingPath"] = _root }).Build(), TimeProvider.System);

    private async Task<string> Stage(string kind = "people") =>
        await _staged.SaveAsync(_school, _admin, kind, new MemoryStream("role,name,email\n"u8.ToArray()), CancellationToken.None);

    [Fact]
    public async Task AStagedFileIsFoundByItsOwnerWithItsToken()
    {
        var token = await Stage();
        await using var file = _staged.Open(_school, _admin, "people", token);
        Assert.NotNull(file);
        Assert.Equal("role,name,email\n", await new StreamReader(file!).ReadToEndAsync());
    }

    [Fact]
    public async Task AnotherAdminAnotherSchoolOrAnotherKindNeverFindsIt()
    {
        var token = await Stage();
        Assert.Null(_staged.Open(_school, Guid.NewGuid(), "people", token));
        Assert.Null(_staged.Open(Guid.NewGuid(), _admin, "people", token));
        Assert.Null(_staged.Open(_school, _admin, "attendance", token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("not-a-token")]
    public void ATokenThatIsNotOneOfOursOpensNothing(string? token) => Assert.Null(_staged.Open(_school, _admin, "people", token));

    [Fact]
    public async Task AnImportedFileIsDeletedSoItCannotBeImportedTwice()
    {
        var token = await Stage();
        _staged.Delete(_school, _admin, "people", token);
        Assert.Null(_staged.Open(_school, _admin, "people", token));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

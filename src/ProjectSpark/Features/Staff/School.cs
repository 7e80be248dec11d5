namespace ProjectSpark.Features.Staff;

/// <summary>A school is the boundary of every list: staff and admins only ever see their own school's people.</summary>
public sealed class School
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; } = DateTimeOffset.UtcNow;

    private School() { }
    public School(string name) => Name = name;
}

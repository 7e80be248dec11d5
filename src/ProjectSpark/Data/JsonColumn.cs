using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProjectSpark.Data;

/// <summary>Stores a small immutable record as one JSON column (jsonb on PostgreSQL, text on SQLite).</summary>
public static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property, bool postgres)
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            s => JsonSerializer.Deserialize<T>(s, Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => v == null ? 0 : JsonSerializer.Serialize(v, Options).GetHashCode(),
                v => v));
        if (postgres) property.HasColumnType("jsonb");
        return property;
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProjectSpark.IntegrationTests.Infrastructure;

namespace ProjectSpark.IntegrationTests.Features;

/// <summary>
/// Every /api operation the app's own OpenAPI document lists, sent hostile bodies, query values and path ids by every
/// kind of caller. No input may cause a 500; every 4xx with a body is RFC 9457 ProblemDetails; a 400 aimed at one field
/// names it; and no refused request changes the school's data.
/// </summary>
public abstract class NoInputCausesA500Tests(SparkFactory factory)
{
    private const int MinimumOperations = 40;

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> ContentTypes, JsonObject? BodySchema,
        IReadOnlyList<(string Name, JsonObject? Schema)> Query)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>
    /// One hostile request: what it is called in the report, and how to build its content. An input aimed at one field
    /// (Fields: the field, or the unknown "a" inside an object sent as its value) must get a 400 naming it, unless the
    /// 400 is only about what the same request without the bad value (its Baseline group) was already refused for.
    /// </summary>
    private sealed record Input(string Summary, Func<HttpContent?> Content, string Query = "", string[]? Fields = null,
        string? Baseline = null, bool IsBaseline = false);

    /// <summary>
    /// Drafts[0] is delivered (the portal and deliver), [1] and [2] are pending (approve, reject); ClassDraft is pending
    /// and reviewable by any admin, so regenerate, which is rate-limited per user, can be sent by a fresh admin each time.
    /// </summary>
    private sealed record Ids(Guid Student, Guid[] Drafts, Guid ClassDraft, Guid Class, Guid Request, Guid FollowUp, Guid Mentor)
    {
        public Guid Draft => Drafts[0];
    }

    /// <summary>Admins to send as: idea requests are limited per user and minute, so a 429 moves on to a new admin.</summary>
    private sealed class AdminPool(TestSchool school)
    {
        private int _made;
        public HttpClient? Current { get; private set; }

        public async Task<HttpClient> NextAsync()
        {
            var (_, client) = await school.AddStaff($"admin{++_made}", "admin");
            return Current = client;
        }
    }

    [Fact]
    public async Task NoHostileInputToAnyApiOperationCausesA500AndEveryRefusalIsAProblemThatChangesNothing()
    {
        var school = TestSchool.Create(factory);
        var admin = await school.Admin();
        var (mentorId, mentor) = await school.AddStaff("mentor", "mentor", "teacher");
        var (studentId, student) = await school.AddStudent("fuzz", interests: ["soccer", "cooking", "robots"], mentorId: mentorId);
        var ids = await Arrange(admin, mentor, studentId, mentorId);

        var operations = await ReadOperations(school.Anonymous());
        Assert.True(operations.Count >= MinimumOperations,
            $"The OpenAPI document lists {operations.Count} /api operations, expected at least {MinimumOperations}: {string.Join(", ", operations)}");

        var callers = new (string Name, HttpClient Client)[] { ("anonymous", school.Anonymous()), ("student", student), ("mentor", mentor) };
        var admins = new AdminPool(school);
        await admins.NextAsync();
        var failures = new List<string>();
        var notProblems = new List<string>();
        var changed = new List<string>();
        var unnamed = new List<string>();
        var baselines = new Dictionary<string, HashSet<string>>();
        string? before = null; // what the school looked like after the last request, while nothing has changed it since
        var sent = 0;

        // Every caller sends the broken bodies to real, unknown and malformed ids first (anonymous stops at the door).
        foreach (var op in operations)
            foreach (var (name, client) in callers.Append(("admin", admin)))
                foreach (var path in PathsFor(op, ids).Take(name == "anonymous" ? 1 : 4))
                    foreach (var input in SmallSet(op))
                        await Send(client, name, op, path, input);
        // Then everything, against the real id, from each signed-in caller: each route has one who gets past authorization
        // (the mentor reviews the drafts, the student answers in the portal, the admin imports). Some of it succeeds.
        foreach (var op in operations)
        {
            // Some inputs are valid and clear the student's mentor; put them back so the mentor's turn reaches the handler.
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/students/{studentId}/mentor", new { mentorId })).StatusCode);
            before = null;
            foreach (var (name, client) in new[] { ("mentor", mentor), ("student", student), ("admin", (HttpClient?)null) })
                foreach (var input in FullSet(op, ids, school))
                    await Send(client, name, op, PathsFor(op, ids).First(), input);
        }

        Assert.True(sent > 1000, $"Only {sent} requests were sent.");
        // The whole list in the message, so that one run shows every failure (Assert.Empty shows only the first few).
        Assert.True(failures.Count + notProblems.Count + changed.Count + unnamed.Count == 0,
            $"{failures.Count} of {sent} responses were server errors:\n{string.Join('\n', failures)}\n" +
            $"{notProblems.Count} 4xx responses with a body were not ProblemDetails:\n{string.Join('\n', notProblems)}\n" +
            $"{changed.Count} 4xx responses changed the school's data:\n{string.Join('\n', changed)}\n" +
            $"{unnamed.Count} 400 responses to one bad field did not name it in errors:\n{string.Join('\n', unnamed)}");

        // A null client is the admin pool.
        async Task Send(HttpClient? client, string caller, Operation op, string path, Input input)
        {
            using var message = new HttpRequestMessage(new HttpMethod(op.Method), path + input.Query) { Content = input.Content() };
            before ??= await Fingerprint(school.SchoolId, ids);
            var response = await (client ?? admins.Current!).SendAsync(message);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && client is null)
            {
                response.Dispose();
                using var again = new HttpRequestMessage(new HttpMethod(op.Method), path + input.Query) { Content = input.Content() };
                var next = await admins.NextAsync();
                before = await Fingerprint(school.SchoolId, ids);
                response = await next.SendAsync(again);
            }
            using var _ = response;
            sent++;
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var where = $"{op.Method} {path}{Shorten(input.Query, 60)} as {caller} with {input.Summary}: {status}";
            if (status >= 500) failures.Add($"{where} {Shorten(body, 300)}");
            else if (status >= 400 && body.Length > 0 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                notProblems.Add($"{where} ({response.Content.Headers.ContentType}) {Shorten(body, 200)}");
            var errors = status == 400 ? ErrorKeys(body) : [];
            var group = $"{op} {path} {caller} {input.Baseline}";
            if (input.IsBaseline) baselines[group] = errors;
            else if (status == 400 && input.Fields is { } fields && !errors.Any(k => fields.Any(f => Names(k, f)))
                     && !errors.IsSubsetOf(baselines.GetValueOrDefault(group) ?? []))
                unnamed.Add($"{where} {Shorten(body, 300)}");
            if (status is >= 400 and < 500)
            {
                var after = await Fingerprint(school.SchoolId, ids);
                if (after != before) changed.Add($"{where}\n  before: {before}\n  after:  {after}");
                before = after;
            }
            else before = null;
        }
    }

    /// <summary>
    /// The school's data that a request could change and background jobs do not (they draft new ideas and recompute
    /// flags): row counts, the student, the mentor, and the drafts set up for the test.
    /// </summary>
    private Task<string> Fingerprint(Guid schoolId, Ids ids) => factory.WithDbAsync(async db =>
    {
        var counts = await db.Schools.Where(s => s.Id == schoolId).Select(s => new
        {
            Staff = db.Staff.Count(x => x.SchoolId == schoolId),
            Students = db.Students.Count(x => x.SchoolId == schoolId),
            Classes = db.Classes.Count(x => x.SchoolId == schoolId),
            Members = db.ClassMembers.Count(x => x.ClassId == ids.Class),
            Connections = db.Connections.Count(x => x.SchoolId == schoolId),
            CheckIns = db.CheckIns.Count(x => x.SchoolId == schoolId),
            Attendance = db.Attendance.Count(x => x.SchoolId == schoolId),
            Grades = db.CourseGrades.Count(x => x.SchoolId == schoolId),
            Assignments = db.MentorAssignments.Count(x => x.StudentId == ids.Student),
            ClassResponses = db.ClassProjectResponses.Count(x => x.StudentId == ids.Student),
        }).FirstAsync();
        var student = await db.Students.AsNoTracking().FirstAsync(x => x.Id == ids.Student);
        var mentor = await db.Staff.AsNoTracking().FirstAsync(x => x.Id == ids.Mentor);
        var known = ids.Drafts.Append(ids.ClassDraft).ToList();
        var drafts = await db.Drafts.AsNoTracking().Where(d => known.Contains(d.Id)).OrderBy(d => d.Id)
            .Select(d => new { d.Status, d.ReviewedAt, d.RejectionReason, d.DeliveredAt, d.DeliveryNote, d.Response, d.ResponseComment, d.RespondedAt })
            .ToListAsync();
        return JsonSerializer.Serialize(new
        {
            counts, student = new { student.DisplayName, student.Email, student.GradeLevel, student.Interests, student.Strengths, student.Constraints, student.CurrentMentorId },
            mentor = new { mentor.Name, mentor.Email, mentor.Roles, mentor.Interests }, drafts,
        });
    });

    /// <summary>An error key for the field itself or for something inside it (edits.title, roles[0]).</summary>
    private static bool Names(string key, string field) => key.Equals(field, StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase) || key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase);

    /// <summary>The fields a ProblemDetails names in errors (none when the body is not one).</summary>
    private static HashSet<string> ErrorKeys(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["errors"] is JsonObject errors ? errors.Select(e => e.Key).ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + "...";

    /// <summary>A class, drafts from the offline composer, and a follow-up, so that path ids can be real ones.</summary>
    private static async Task<Ids> Arrange(HttpClient admin, HttpClient mentor, Guid studentId, Guid mentorId)
    {
        var created = await admin.PostAsJsonAsync("/api/classes", new { title = "Fuzz 101", subject = "Science", teacherIds = new[] { mentorId }, studentIds = new[] { studentId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var classId = (await created.Json())["id"]!.GetValue<Guid>();
        var request = await TestSchool.RequestAndWait(mentor, studentId, count: 3);
        var drafts = request["draftIds"]!.AsArray().Select(d => d!.GetValue<Guid>()).ToArray();
        Assert.Equal(3, drafts.Length);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.PostAsJsonAsync($"/api/drafts/{drafts[0]}/deliver", new { conversationAt = DateTimeOffset.UtcNow })).StatusCode);
        var classRequest = await admin.PostAsJsonAsync($"/api/classes/{classId}/idea-requests", new { unit = "Forces and motion", count = 1 });
        Assert.Equal(HttpStatusCode.Accepted, classRequest.StatusCode);
        var classDraft = (await TestSchool.WaitFinished(admin, classRequest.Headers.Location!.ToString()))["draftIds"]![0]!.GetValue<Guid>();
        var monday = new DateOnly(2026, 9, 7);
        var absent = Enumerable.Range(0, 5).Select(d => new { studentId, date = monday.AddDays(d), status = "absent" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/attendance", new { records = absent })).StatusCode);
        var followUps = (await (await admin.GetAsync("/api/follow-ups")).Json())["items"]?.AsArray();
        var followUp = followUps?.FirstOrDefault()?["id"]?.GetValue<Guid>() ?? Guid.NewGuid();
        return new Ids(studentId, drafts, classDraft, classId, request["id"]!.GetValue<Guid>(), followUp, mentorId);
    }

    private static async Task<List<Operation>> ReadOperations(HttpClient client)
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var schemas = document["components"]?["schemas"]?.AsObject();
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
            foreach (var (method, node) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" || node is not JsonObject op) continue;
                var content = op["requestBody"]?["content"]?.AsObject();
                var types = content?.Select(c => c.Key).ToList() ?? [];
                var schema = content?["application/json"]?["schema"] is JsonObject s ? Resolve(s, schemas) : null;
                var query = (op["parameters"]?.AsArray() ?? []).OfType<JsonObject>()
                    .Where(p => p["in"]?.GetValue<string>() == "query")
                    .Select(p => (p["name"]!.GetValue<string>(), p["schema"] as JsonObject)).ToList();
                operations.Add(new Operation(method.ToUpperInvariant(), path, types, schema, query));
            }
        }
        return operations;
    }

    /// <summary>The schema with every $ref replaced by what it points to (to a small depth; contracts are shallow).</summary>
    private static JsonObject Resolve(JsonObject schema, JsonObject? schemas, int depth = 0)
    {
        if (depth > 6) return new JsonObject();
        if (schema["$ref"]?.GetValue<string>() is { } reference && schemas?[reference.Split('/')[^1]] is JsonObject target)
            return Resolve(target, schemas, depth + 1);
        var copy = schema.DeepClone().AsObject();
        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
            if (copy[key] is JsonArray options && options.OfType<JsonObject>().FirstOrDefault(o => o["$ref"] is not null || o["properties"] is not null) is { } option)
                return Resolve(option, schemas, depth + 1);
        if (copy["properties"] is JsonObject properties)
            foreach (var name in properties.Select(p => p.Key).ToList())
                properties[name] = Resolve(properties[name]!.AsObject(), schemas, depth + 1);
        if (copy["items"] is JsonObject items) copy["items"] = Resolve(items, schemas, depth + 1);
        return copy;
    }

    /// <summary>A real id of the right kind first, then a random GUID, then strings that are not GUIDs.</summary>
    private static IEnumerable<string> PathsFor(Operation op, Ids ids)
    {
        if (!op.Path.Contains('{')) { yield return op.Path; yield break; }
        var segments = op.Path.Split('/');
        string With(Func<string, string, string> value) =>
            string.Join('/', segments.Select((s, i) => s.StartsWith('{') ? value(segments[i - 1], s) : s));
        yield return With((previous, name) => RealId(op.Path, previous, name, ids).ToString());
        yield return With((_, _) => Guid.NewGuid().ToString());
        yield return With((_, _) => "abc");
        yield return With((_, _) => "00000000-0000-0000-0000-00000000000Z");
    }

    private static Guid RealId(string path, string previous, string parameter, Ids ids) => (previous, parameter) switch
    {
        ("drafts", _) when path.EndsWith("/approve", StringComparison.Ordinal) => ids.Drafts[1],
        ("drafts", _) when path.EndsWith("/reject", StringComparison.Ordinal) => ids.Drafts[2],
        ("drafts", _) when path.EndsWith("/regenerate", StringComparison.Ordinal) => ids.ClassDraft,
        (_, "{studentId}") => ids.Student,
        (_, "{staffId}") => ids.Mentor,
        ("students", _) => ids.Student,
        ("drafts" or "projects", _) => ids.Draft,
        ("classes", _) => ids.Class,
        ("idea-requests", _) => ids.Request,
        ("follow-ups", _) => ids.FollowUp,
        ("staff", _) => ids.Mentor,
        _ => Guid.NewGuid(),
    };

    // ---------------------------------------------------------------------------------------------------------------
    // Inputs

    private static HttpContent Raw(string text, string contentType) => Raw(Encoding.UTF8.GetBytes(text), contentType);

    private static HttpContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    // JsonNode can neither hold 200 levels nor write a lone surrogate, so markers stand in for them until the text is sent.
    private const string LoneSurrogate = "@@lone-surrogate@@", DeepNesting = "@@deep-nesting@@";

    private static Input Json(string summary, Func<string> json) =>
        new(summary, () => Raw(json()
            .Replace($"\"{LoneSurrogate}\"", "\"\\ud800\"", StringComparison.Ordinal)
            .Replace($"\"{DeepNesting}\"", Nested(200), StringComparison.Ordinal), "application/json"));

    private static readonly string Long = new('x', 100_000);

    /// <summary>What every caller sends: the broken bodies, and garbage in every query parameter.</summary>
    private static IEnumerable<Input> SmallSet(Operation op)
    {
        yield return new Input("no body", () => null, Baseline: "query", IsBaseline: true);
        if (op.ContentTypes.Contains("application/json"))
        {
            yield return Json("not json", () => "not json");
            yield return Json("an empty body", () => "");
            yield return Json("{}", () => "{}");
            yield return Json("[]", () => "[]");
        }
        if (op.ContentTypes.Contains("text/csv")) yield return new Input("binary garbage as CSV", () => Raw(Garbage(256), "text/csv"));
        if (op.ContentTypes.Contains("application/zip")) yield return new Input("not a zip", () => Raw("not a zip", "application/zip"));
        if (op.Query.Count > 0) yield return new Input("garbage query", () => null, QueryWith(op, "zz%00zz"));
    }

    /// <summary>The admin's set: everything in the brief, against a real id.</summary>
    private static IEnumerable<Input> FullSet(Operation op, Ids ids, TestSchool school)
    {
        foreach (var input in SmallSet(op)) yield return input;
        foreach (var input in QueryInputs(op)) yield return input;
        if (op.ContentTypes.Contains("application/json")) foreach (var input in JsonInputs(op, ids, school)) yield return input;
        if (op.ContentTypes.Contains("text/csv")) foreach (var input in CsvInputs()) yield return input;
        if (op.ContentTypes.Contains("application/zip")) foreach (var input in ZipInputs()) yield return input;
        if (op.ContentTypes.Contains("multipart/form-data")) foreach (var input in MultipartInputs()) yield return input;
    }

    private static readonly string[] QueryValues =
        ["abc", "", "-1", "-5", "0", "99999999999999999999", "1e308", "-2147483649", "NaN", "true", "2026-13-45", "%00", "%E2%98%83", new string('q', 10_000)];

    private static string QueryWith(Operation op, string value, string? only = null) =>
        "?" + string.Join('&', op.Query.Where(q => only is null || q.Name == only).Select(q => $"{q.Name}={value}"));

    private static IEnumerable<Input> QueryInputs(Operation op)
    {
        foreach (var (name, _) in op.Query)
            foreach (var value in QueryValues)
                yield return new Input($"{name}={Shorten(value, 20)}", () => null, QueryWith(op, value, name), [name], "query");
        if (op.Query.Count > 0) yield return new Input("repeated query parameters", () => null, QueryWith(op, "1") + "&" + QueryWith(op, "2")[1..]);
    }

    private static IEnumerable<Input> JsonInputs(Operation op, Ids ids, TestSchool school)
    {
        foreach (var literal in new[] { "null", "\"str\"", "123", "true", "{", "{\"a\":", "\u0000", "{\"\u0000\":\"\u0000\"}" })
            yield return Json(Shorten(literal, 20), () => literal);
        yield return Json("a 10,000-item array", () => "[" + string.Join(',', Enumerable.Repeat("{}", 10_000)) + "]");
        yield return Json("nesting depth 200", () => Nested(200));
        yield return new Input("JSON as text/plain", () => Raw(Plausible(op.BodySchema, ids, school, "")!.ToJsonString(), "text/plain"));
        yield return new Input("JSON with no content type", () => new ByteArrayContent(Encoding.UTF8.GetBytes("{}")));
        yield return Json("an unknown property", () => Merge(Plausible(op.BodySchema, ids, school, ""), "unknownExtra", JsonValue.Create(1)).ToJsonString());
        yield return Json("an unknown property with a NUL name", () => Merge(Plausible(op.BodySchema, ids, school, ""), "a\u0000b", JsonValue.Create(1)).ToJsonString());

        var properties = (op.BodySchema?["properties"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        yield return Json("a plausible body", () => Plausible(op.BodySchema, ids, school, "")!.ToJsonString()) with { Baseline = "json", IsBaseline = true };
        foreach (var (label, value) in HostileValues())
        {
            // Every property wrong at once, then each property wrong on its own in an otherwise plausible body.
            yield return Json($"every property = {label}", () => AllSet(op.BodySchema, value).ToJsonString());
            foreach (var property in properties)
                yield return Json($"{property} = {label}", () => Merge(Plausible(op.BodySchema, ids, school, ""), property, value()).ToJsonString())
                    with { Fields = [property, "a"], Baseline = "json" };
        }
        // Nested objects (e.g. approve's edits) get the same treatment one level down.
        foreach (var property in properties)
        {
            if (op.BodySchema!["properties"]![property] is not JsonObject { } inner || inner["properties"] is not JsonObject innerProps) continue;
            foreach (var (label, value) in HostileValues())
            {
                yield return Json($"{property}.* = {label}", () => Merge(Plausible(op.BodySchema, ids, school, ""), property, AllSet(inner, value)).ToJsonString());
                foreach (var name in innerProps.Select(p => p.Key).ToList())
                    yield return Json($"{property}.{name} = {label}", () =>
                        Merge(Plausible(op.BodySchema, ids, school, ""), property, Merge(Plausible(inner, ids, school, name), name, value())).ToJsonString())
                        with { Fields = [$"{property}.{name}", "a"], Baseline = "json" };
            }
        }
    }

    private static IEnumerable<(string Label, Func<JsonNode?> Value)> HostileValues() =>
    [
        ("null", () => null),
        ("a 100,000-char string", () => JsonValue.Create(Long)),
        ("an empty string", () => JsonValue.Create("")),
        ("NUL and unicode", () => JsonValue.Create("a\u0000b\u202e\ud83d\ude00\uffff")),
        ("a lone surrogate", () => JsonValue.Create(LoneSurrogate)),
        ("a number", () => JsonValue.Create(123)),
        ("1e308", () => JsonNode.Parse("1e308")),
        ("-1e308", () => JsonNode.Parse("-1e308")),
        ("1e400", () => JsonNode.Parse("1e400")),
        ("-2147483649", () => JsonValue.Create(-2147483649L)),
        ("2147483648", () => JsonValue.Create(2147483648L)),
        ("-1", () => JsonValue.Create(-1)),
        ("1.5", () => JsonValue.Create(1.5)),
        ("79228162514264337593543950336", () => JsonNode.Parse("79228162514264337593543950336")),
        ("a numeric string", () => JsonValue.Create("99999999999999999999")),
        ("true", () => JsonValue.Create(true)),
        ("an array of strings", () => new JsonArray("a", "b")),
        ("an array of 10,000 strings", () => new JsonArray(Enumerable.Range(0, 10_000).Select(i => (JsonNode?)JsonValue.Create($"item{i}")).ToArray())),
        ("an array of nulls", () => new JsonArray(null, null)),
        ("an object", () => new JsonObject { ["a"] = 1 }),
        ("nesting depth 200", () => JsonValue.Create(DeepNesting)),
        ("2026-13-45", () => JsonValue.Create("2026-13-45")),
        ("yesterday", () => JsonValue.Create("yesterday")),
        ("0001-01-01", () => JsonValue.Create("0001-01-01T00:00:00Z")),
        ("9999-12-31", () => JsonValue.Create("9999-12-31T23:59:59.9999999+14:00")),
        ("a non-GUID", () => JsonValue.Create("00000000-0000-0000-0000-00000000000Z")),
        ("a random GUID", () => JsonValue.Create(Guid.NewGuid())),
        ("the empty GUID", () => JsonValue.Create(Guid.Empty)),
    ];

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static JsonObject Merge(JsonNode? body, string property, JsonNode? value)
    {
        var target = body as JsonObject ?? new JsonObject();
        target[property] = value;
        return target;
    }

    private static JsonNode AllSet(JsonObject? schema, Func<JsonNode?> value)
    {
        var body = new JsonObject();
        foreach (var (name, _) in (schema?["properties"] as JsonObject) ?? []) body[name] = value();
        return body;
    }

    private static bool IsType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue v => v.GetValue<string>() == type,
        JsonArray a => a.Any(t => t?.GetValue<string>() == type),
        _ => false,
    };

    private static int _plausible;

    /// <summary>A body that would likely be accepted: real ids by name, a fresh email, values of the declared types.</summary>
    private static JsonNode? Plausible(JsonObject? schema, Ids ids, TestSchool school, string name)
    {
        if (schema is null) return new JsonObject();
        if (schema["enum"] is JsonArray { Count: > 0 } values) return values.First(v => v is not null)!.DeepClone();
        if (schema["properties"] is JsonObject properties)
        {
            var body = new JsonObject();
            foreach (var (property, inner) in properties) body[property] = Plausible(inner as JsonObject, ids, school, property);
            return body;
        }
        if (IsType(schema, "array"))
        {
            var item = Plausible(schema["items"] as JsonObject, ids, school, name.TrimEnd('s'));
            return new JsonArray(item);
        }
        var format = schema["format"]?.GetValue<string>();
        if (format == "uuid") return JsonValue.Create(name.ToLowerInvariant() switch
        {
            var n when n.StartsWith("student", StringComparison.Ordinal) => ids.Student,
            var n when n.StartsWith("teacher", StringComparison.Ordinal) || n.StartsWith("mentor", StringComparison.Ordinal)
                || n.StartsWith("staff", StringComparison.Ordinal) => ids.Mentor,
            _ => ids.Draft,
        });
        if (format == "date-time") return JsonValue.Create(DateTimeOffset.UtcNow.AddMinutes(-5));
        if (format == "date") return JsonValue.Create("2026-09-14");
        if (IsType(schema, "integer") || IsType(schema, "number")) return JsonValue.Create(1);
        if (IsType(schema, "boolean")) return JsonValue.Create(false);
        if (name.Contains("email", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create(school.Email($"p{Interlocked.Increment(ref _plausible)}"));
        return name switch
        {
            "role" or "roles" => JsonValue.Create("mentor"),
            "status" => JsonValue.Create("present"),
            "response" => JsonValue.Create("maybe"),
            "kind" => JsonValue.Create("conversation"),
            _ => JsonValue.Create("soccer"),
        };
    }

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static IEnumerable<Input> CsvInputs()
    {
        Input Csv(string summary, Func<byte[]> bytes) => new(summary, () => Raw(bytes(), "text/csv"));
        byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
        yield return Csv("an empty CSV", () => []);
        yield return Csv("only a header (people)", () => Text("role,name,email,grade,sourcedId\n"));
        yield return Csv("only a header (attendance)", () => Text("email,date,status\n"));
        yield return Csv("binary garbage", () => Garbage(64 * 1024));
        yield return Csv("a 5 MB line", () => Text("email,date,status\n" + new string('a', 5 * 1024 * 1024) + ",2026-09-01,absent\n"));
        yield return Csv("a 5 MB header", () => Text(new string('h', 5 * 1024 * 1024) + "\n"));
        yield return Csv("semicolons", () => Text("role;name;email;grade\nstudent;A;a@x.test;9\n"));
        yield return Csv("mismatched quotes", () => Text("role,name,email,grade\nstudent,\"A,a@x.test,9\nemail,date,status\n\"x\"y\",2026-09-01,absent\n"));
        yield return Csv("rows with NUL", () => Text("email,date,status,role,name,grade\n\0,\0,\0,\0,\0,\0\nstudent\0,a\0b,x\0@y.test,9\0,2026\0,absent\0\n"));
        yield return Csv("wrong types (people)", () => Text("role,name,email,grade,sourcedId\nstudent,A,fuzz-a@x.test,-2147483649,x\nstudent,B,fuzz-b@x.test,1e308,y\nteacher;superuser,C,c,abc," + Long + "\n" +
            "student," + Long + ",fuzz-long@x.test,9,z\n"));
        yield return Csv("wrong types (attendance)", () => Text("email,date,status,studentId\nx@y.test,2026-13-45,absent,abc\n,yesterday,present,00000000-0000-0000-0000-00000000000Z\n,0001-01-01,gone," + Guid.NewGuid() + "\n"));
        yield return Csv("values just over the database's lengths", () => Text($"role,name,email,grade,sourcedId\nstudent,{new string('n', 230)},len-a@x.test,9,\nstudent,B,{new string('e', 250)}@x.test,9,\n"));
        yield return Csv("more fields than the header", () => Text("email,date,status\na,b,c,d,e,f,g\n"));
        yield return Csv("a UTF-16 body", () => Encoding.Unicode.GetBytes("email,date,status\nx@y.test,2026-09-01,absent\n"));
        yield return Csv("10,000 blank rows", () => Text("email,date,status\n" + string.Concat(Enumerable.Repeat(",,\n", 10_000))));
        yield return new Input("JSON sent to a CSV route", () => Raw("{\"records\":[]}", "application/json"));
        yield return new Input("a form sent to a CSV route", () => new FormUrlEncodedContent([new("a", "b")]));
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        return stream.ToArray();
    }

    private static IEnumerable<(string Summary, Func<byte[]> Bytes)> ZipBodies() =>
    [
        ("not a zip", () => Encoding.UTF8.GetBytes("not a zip")),
        ("an empty body", () => []),
        ("binary garbage", () => Garbage(4096)),
        ("a zip's header only", () => Zip(("users.csv", Encoding.UTF8.GetBytes("sourcedId,role\n")))[..30]),
        ("an empty zip", () => Zip()),
        ("a zip with a 0-byte users.csv", () => Zip(("users.csv", []))),
        ("a zip with garbage users.csv", () => Zip(("users.csv", Garbage(2048)))),
        ("a zip with a NUL users.csv", () => Zip(("users.csv", Encoding.UTF8.GetBytes("sourcedId,role,email,givenName,familyName\n\0,\0,\0,\0,\0\n")))),
        ("a zip with mismatched quotes", () => Zip(("users.csv", Encoding.UTF8.GetBytes("sourcedId,role,email\n\"a,student,x@y.test\n")))),
        ("a zip with bad classes and enrollments", () => Zip(
            ("users.csv", Encoding.UTF8.GetBytes("sourcedId,status,enabledUser,role,email,givenName,familyName,grades\nu1,active,true,student,zip-u1@x.test,A,B,99999999999\nu2,active,maybe,teacher," + Long + ",C,D,\n")),
            ("classes.csv", Encoding.UTF8.GetBytes("sourcedId,title,grades,subjects\nc1," + Long + ",-1,\n")),
            ("enrollments.csv", Encoding.UTF8.GetBytes("sourcedId,classSourcedId,userSourcedId,role\ne1,c1,u1,student\ne2,nope,u2,superuser\n")),
            ("orgs.csv", Garbage(100)),
            ("manifest.csv", Encoding.UTF8.GetBytes("propertyName,value\nmanifest.version,99\n")))),
        ("a zip with values just over the database's lengths", () => Zip(
            ("users.csv", Encoding.UTF8.GetBytes($"sourcedId,role,email,givenName,familyName,grades\nlen1,student,{new string('e', 250)}@x.test,A,B,09\nlen2,teacher,len2@x.test,{new string('g', 150)},{new string('f', 150)},\n")),
            ("classes.csv", Encoding.UTF8.GetBytes($"sourcedId,title,subjects\nlenc1,{new string('t', 230)},Math\nlenc2,Title,{new string('s', 150)}\n")))),
        ("a zip with an entry path outside the folder", () => Zip(("../../users.csv", Encoding.UTF8.GetBytes("sourcedId,role\n")))),
    ];

    private static IEnumerable<Input> ZipInputs()
    {
        foreach (var (summary, bytes) in ZipBodies()) yield return new Input($"application/zip: {summary}", () => Raw(bytes(), "application/zip"));
        yield return new Input("JSON sent to a zip route", () => Raw("{}", "application/json"));
        yield return new Input("text/plain sent to a zip route", () => Raw("users.csv", "text/plain"));
    }

    private static IEnumerable<Input> MultipartInputs()
    {
        MultipartFormDataContent Form(params (string File, byte[] Bytes)[] files)
        {
            var form = new MultipartFormDataContent();
            foreach (var (file, bytes) in files)
            {
                var part = new ByteArrayContent(bytes);
                part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileName = $"\"{file}\"" };
                form.Add(part);
            }
            return form;
        }
        foreach (var (summary, bytes) in ZipBodies()) yield return new Input($"multipart zip: {summary}", () => Form(("roster.zip", bytes())));
        yield return new Input("multipart with no files", () => { var f = new MultipartFormDataContent(); f.Add(new StringContent("x"), "field"); return f; });
        yield return new Input("multipart with a 0-byte users.csv", () => Form(("users.csv", [])));
        yield return new Input("multipart with garbage users.csv", () => Form(("users.csv", Garbage(1024))));
        yield return new Input("multipart with an unnamed file", () => Form(("", Garbage(10))));
        yield return new Input("multipart with a file named .zip", () => Form((".zip", Garbage(10))));
        yield return new Input("multipart with a broken boundary", () => Raw("--zz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"users.csv\"\r\n\r\nabc", "multipart/form-data; boundary=yy"));
        yield return new Input("multipart with no boundary", () => Raw("abc", "multipart/form-data"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NoInputCausesA500OnSqlite(SqliteApp app) : NoInputCausesA500Tests(app.Factory);

[Collection(PostgresCollection.Name)]
public sealed class NoInputCausesA500OnPostgres(PostgresApp app) : NoInputCausesA500Tests(app.Factory);

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectSpark.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassUnitsEmbeddingSettingsOfflineRedraft : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_IdeaRequests_Students_StudentId",
                table: "IdeaRequests");

            migrationBuilder.AlterColumn<Guid>(
                name: "StudentId",
                table: "IdeaRequests",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "ClassId",
                table: "IdeaRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClassUnit",
                table: "IdeaRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ForceOffline",
                table: "IdeaRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<Guid>(
                name: "StudentId",
                table: "Drafts",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "ClassId",
                table: "Drafts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClassProjectResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DraftId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassProjectResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassProjectResponses_Drafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "Drafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClassProjectResponses_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "EmbeddingSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Dimensions = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmbeddingSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdeaRequests_ClassId",
                table: "IdeaRequests",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_IdeaRequests_OneActivePerClass",
                table: "IdeaRequests",
                column: "ClassId",
                unique: true,
                filter: "\"Status\" IN ('Queued', 'Drafting') AND \"ClassId\" IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "CK_IdeaRequests_OneTarget",
                table: "IdeaRequests",
                sql: "(\"StudentId\" IS NULL) <> (\"ClassId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_ClassId_Status",
                table: "Drafts",
                columns: new[] { "ClassId", "Status" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Drafts_OneTarget",
                table: "Drafts",
                sql: "(\"StudentId\" IS NULL) <> (\"ClassId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_ClassProjectResponses_DraftId_StudentId",
                table: "ClassProjectResponses",
                columns: new[] { "DraftId", "StudentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassProjectResponses_StudentId",
                table: "ClassProjectResponses",
                column: "StudentId");

            migrationBuilder.AddForeignKey(
                name: "FK_Drafts_Classes_ClassId",
                table: "Drafts",
                column: "ClassId",
                principalTable: "Classes",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_IdeaRequests_Classes_ClassId",
                table: "IdeaRequests",
                column: "ClassId",
                principalTable: "Classes",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_IdeaRequests_Students_StudentId",
                table: "IdeaRequests",
                column: "StudentId",
                principalTable: "Students",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Drafts_Classes_ClassId",
                table: "Drafts");

            migrationBuilder.DropForeignKey(
                name: "FK_IdeaRequests_Classes_ClassId",
                table: "IdeaRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_IdeaRequests_Students_StudentId",
                table: "IdeaRequests");

            migrationBuilder.DropTable(
                name: "ClassProjectResponses");

            migrationBuilder.DropTable(
                name: "EmbeddingSettings");

            migrationBuilder.DropIndex(
                name: "IX_IdeaRequests_ClassId",
                table: "IdeaRequests");

            migrationBuilder.DropIndex(
                name: "IX_IdeaRequests_OneActivePerClass",
                table: "IdeaRequests");

            migrationBuilder.DropCheckConstraint(
                name: "CK_IdeaRequests_OneTarget",
                table: "IdeaRequests");

            migrationBuilder.DropIndex(
                name: "IX_Drafts_ClassId_Status",
                table: "Drafts");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Drafts_OneTarget",
                table: "Drafts");

            migrationBuilder.DropColumn(
                name: "ClassId",
                table: "IdeaRequests");

            migrationBuilder.DropColumn(
                name: "ClassUnit",
                table: "IdeaRequests");

            migrationBuilder.DropColumn(
                name: "ForceOffline",
                table: "IdeaRequests");

            migrationBuilder.DropColumn(
                name: "ClassId",
                table: "Drafts");

            migrationBuilder.AlterColumn<Guid>(
                name: "StudentId",
                table: "IdeaRequests",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "StudentId",
                table: "Drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_IdeaRequests_Students_StudentId",
                table: "IdeaRequests",
                column: "StudentId",
                principalTable: "Students",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

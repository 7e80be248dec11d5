using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectSpark.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassesAndRosterIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourcedId",
                table: "Students",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourcedId",
                table: "Staff",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Classes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourcedId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Classes_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClassMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourcedId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassMembers_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClassMembers_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Staff",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ClassMembers_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Students_SchoolId_SourcedId",
                table: "Students",
                columns: new[] { "SchoolId", "SourcedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Staff_SchoolId_SourcedId",
                table: "Staff",
                columns: new[] { "SchoolId", "SourcedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Classes_SchoolId_SourcedId",
                table: "Classes",
                columns: new[] { "SchoolId", "SourcedId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassMembers_ClassId_StaffId",
                table: "ClassMembers",
                columns: new[] { "ClassId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassMembers_ClassId_StudentId",
                table: "ClassMembers",
                columns: new[] { "ClassId", "StudentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassMembers_StaffId",
                table: "ClassMembers",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassMembers_StudentId",
                table: "ClassMembers",
                column: "StudentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClassMembers");

            migrationBuilder.DropTable(
                name: "Classes");

            migrationBuilder.DropIndex(
                name: "IX_Students_SchoolId_SourcedId",
                table: "Students");

            migrationBuilder.DropIndex(
                name: "IX_Staff_SchoolId_SourcedId",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "SourcedId",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "SourcedId",
                table: "Staff");
        }
    }
}

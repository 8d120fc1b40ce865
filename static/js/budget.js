// Budget page: ask before deleting a line (the form still works without script).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.action.endsWith("/xoa") && form.closest(".budget-table")) {
    if (!window.confirm("Xóa dòng dự toán này? (Có thể Hoàn tác ngay sau đó.)")) {
      event.preventDefault();
    }
  }
});

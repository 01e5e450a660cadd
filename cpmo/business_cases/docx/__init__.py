"""Reading a business case from a Word document (.docx): blocks, layout, sections, tables,
values, the Five Cases and the extraction that joins them."""

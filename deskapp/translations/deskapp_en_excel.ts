<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>ExcelDialogs</name>
    <message>
        <source>仅限销售主管或以上导出（含完整电话号码）。</source>
        <translation>Only a sales supervisor or above may export (it contains full phone numbers).</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>员工名单模板.xlsx</source>
        <translation>staff-list-template.xlsx</translation>
    </message>
    <message>
        <source>历史来访登记模板.xlsx</source>
        <translation>visit-book-template.xlsx</translation>
    </message>
    <message>
        <source>数据(&amp;A)</source>
        <translation>D&amp;ata</translation>
    </message>
    <message>
        <source>导出来访登记</source>
        <translation>Export the visit book</translation>
    </message>
    <message>
        <source>把所选日期内的来访登记和回访记录导出为Excel文件（两张工作表）。文件中的电话号码是完整的，请妥善保管。</source>
        <translation>Exports the visit book and the follow-up records of the chosen dates to an Excel file (two sheets). The file holds full phone numbers: keep it safe.</translation>
    </message>
    <message>
        <source>选择保存位置</source>
        <translation>Choose where to save</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>日期范围</source>
        <translation>Date range</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Dates:</translation>
    </message>
    <message>
        <source>快速选择：</source>
        <translation>Quick pick:</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>无误</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>保存空白模板…</source>
        <translation>Save blank template…</translation>
    </message>
    <message>
        <source>保存一个只有表头的Excel文件，照着填写后再导入</source>
        <translation>Save an Excel file with just the header row; fill it in, then import it</translation>
    </message>
    <message>
        <source>请选择要导入的 .xlsx 或 .csv 文件。</source>
        <translation>Choose the .xlsx or .csv file to import.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xlsm *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.csv)</translation>
    </message>
    <message>
        <source>保存空白模板</source>
        <translation>Save blank template</translation>
    </message>
    <message>
        <source>导入员工名单</source>
        <translation>Import the staff list</translation>
    </message>
    <message>
        <source>第一行为表头，列为：代号、姓名、角色、组别（可不填）、密码（4至8位数字）。角色写中文（置业顾问、组长、前台、销售主管、销售经理、案场经理、专案经理）或英文。支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）。要么全部导入，要么全部不导入。</source>
        <translation>Row 1 is the header; the columns are 代号 (key), 姓名 (name), 角色 (role), 组别 (team, optional) and 密码 (PIN, 4 to 8 digits). Roles in Chinese or English (consultant, team_leader, receptionist, supervisor, sales_manager, site_manager, project_manager). .xlsx and .csv (UTF-8 or GBK) files. Everything is imported, or nothing.</translation>
    </message>
    <message>
        <source>导入历史来访登记</source>
        <translation>Import the paper visit book</translation>
    </message>
    <message>
        <source>把纸质来访登记簿录入Excel后导入。第一行为表头，列为：日期（可含时间）、客户姓名、电话、接待人（员工代号或姓名）、来源（可不填）。日期须早于当前营业日。同一客户按日期先后，归首次接待人（第14、16条）。要么全部导入，要么全部不导入。</source>
        <translation>Type the paper visit book into Excel, then import it. Row 1 is the header; the columns are 日期 (date, time optional), 客户姓名 (customer name), 电话 (phone), 接待人 (receiver: staff key or name) and 来源 (source, optional). Dates must be before the current working day. A customer belongs to whoever received them first (R14, R16). Everything is imported, or nothing.</translation>
    </message>
    <message>
        <source>导出来访登记…</source>
        <translation>Export the visit book…</translation>
    </message>
    <message>
        <source>把一段日期内的来访登记和回访记录导出为Excel</source>
        <translation>Export the visit book and follow-up records of a date range to Excel</translation>
    </message>
    <message>
        <source>导入员工名单…</source>
        <translation>Import the staff list…</translation>
    </message>
    <message>
        <source>从Excel或CSV导入员工、角色、组别和登录密码</source>
        <translation>Import staff, roles, teams and PINs from Excel or CSV</translation>
    </message>
    <message>
        <source>导入历史来访登记…</source>
        <translation>Import the paper visit book…</translation>
    </message>
    <message>
        <source>把纸质来访登记簿导入为历史来访，确定客户归属</source>
        <translation>Import the paper-era visit book as past visits, which fixes who owns each customer</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>Everything</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>来访登记_{start}至{end}.xlsx</source>
        <translation>visit-book_{start}-{end}.xlsx</translation>
    </message>
    <message>
        <source>结束日期早于开始日期。</source>
        <translation>The end date is before the start date.</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>代号</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>组别</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>共{n}位员工，全部无误，可以导入。</source>
        <translation>Staff members: {n}, all correct: ready to import.</translation>
    </message>
    <message>
        <source>导入{n}位员工</source>
        <translation>Import staff ({n})</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>客户姓名</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>接待人</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>导入后归属</source>
        <translation>Owner after import</translation>
    </message>
    <message>
        <source>共{n}条来访，全部无误，导入后新建{new}位客户。</source>
        <translation>Visits: {n}, all correct. New customers the import creates: {new}.</translation>
    </message>
    <message>
        <source>导入{n}条来访</source>
        <translation>Import visits ({n})</translation>
    </message>
    <message>
        <source>已导出{visits}条来访、{followups}条回访到：{path}</source>
        <translation>Exported to {path} (visits: {visits}, follow-ups: {followups})</translation>
    </message>
    <message>
        <source>没有读到可导入的行。</source>
        <translation>No rows to import were found.</translation>
    </message>
    <message>
        <source>文件中还有问题，改正后才能导入</source>
        <translation>The file still has problems: correct them before importing</translation>
    </message>
    <message>
        <source>模板已保存到：{path}</source>
        <translation>Template saved to: {path}</translation>
    </message>
    <message>
        <source>（已有客户）</source>
        <translation> (existing customer)</translation>
    </message>
    <message>
        <source>共{days}天：{visits}条来访、{followups}条回访</source>
        <translation>{days} days · visits: {visits} · follow-ups: {followups}</translation>
    </message>
    <message>
        <source>发现{n}处问题，请在Excel中改正后重新选择文件：</source>
        <translation>{n} problem(s) found. Correct them in Excel, then choose the file again:</translation>
    </message>
    <message>
        <source>需{role}或以上才能导入。</source>
        <translation>Importing needs a {role} or above.</translation>
    </message>
    <message>
        <source>仅限{role}或以上导入；您可以先检查文件。</source>
        <translation>Only a {role} or above may import; you can still check the file.</translation>
    </message>
    <message>
        <source>请先选择文件</source>
        <translation>Choose a file first</translation>
    </message>
    <message>
        <source>全部导入；任何一行不能导入时，全部不导入</source>
        <translation>Imports everything; if any row cannot be imported, nothing is</translation>
    </message>
    <message>
        <source>第14条：首次接待确定归属；已有客户的归属不变</source>
        <translation>R14: the first reception fixes the owner; an existing customer's owner does not change</translation>
    </message>
    <message>
        <source>无法写入文件：{error}。文件是否正在Excel中打开？</source>
        <translation>Cannot write the file: {error}. Is it open in Excel?</translation>
    </message>
    <message>
        <source>共{total}行：{good}行无误，{bad}行有问题。改正之前不能导入。</source>
        <translation>Rows: {total}; correct: {good}; with problems: {bad}. Nothing can be imported until they are corrected.</translation>
    </message>
    <message>
        <source>导入失败，未导入任何记录：{error}</source>
        <translation>The import failed and nothing was recorded: {error}</translation>
    </message>
</context>
</TS>

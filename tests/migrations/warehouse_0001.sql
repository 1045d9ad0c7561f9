-- The rows of a warehouse made by the pipeline before Alembic (commit e4d82dc, whose schema
-- is revision 0001): `jinxiao demo` + `jinxiao intake` on SQLite, dumped with sqlite3's
-- iterdump, data only, tables in foreign-key order (the test builds the tables with the
-- baseline's own SQL files, as that code did). Statements end with ";" and a newline.
INSERT INTO "city" VALUES('1401','太原市');
INSERT INTO "city" VALUES('1402','大同市');
INSERT INTO "city" VALUES('1403','阳泉市');
INSERT INTO "city" VALUES('1404','长治市');
INSERT INTO "city" VALUES('1405','晋城市');
INSERT INTO "city" VALUES('1406','朔州市');
INSERT INTO "city" VALUES('1407','晋中市');
INSERT INTO "city" VALUES('1408','运城市');
INSERT INTO "city" VALUES('1409','忻州市');
INSERT INTO "city" VALUES('1410','临汾市');
INSERT INTO "city" VALUES('1411','吕梁市');
INSERT INTO "county" VALUES('140105','小店区','1401','太原市');
INSERT INTO "county" VALUES('140106','迎泽区','1401','太原市');
INSERT INTO "county" VALUES('140107','杏花岭区','1401','太原市');
INSERT INTO "county" VALUES('140108','尖草坪区','1401','太原市');
INSERT INTO "county" VALUES('140109','万柏林区','1401','太原市');
INSERT INTO "county" VALUES('140110','晋源区','1401','太原市');
INSERT INTO "county" VALUES('140121','清徐县','1401','太原市');
INSERT INTO "county" VALUES('140122','阳曲县','1401','太原市');
INSERT INTO "county" VALUES('140123','娄烦县','1401','太原市');
INSERT INTO "county" VALUES('140181','古交市','1401','太原市');
INSERT INTO "county" VALUES('140212','新荣区','1402','大同市');
INSERT INTO "county" VALUES('140213','平城区','1402','大同市');
INSERT INTO "county" VALUES('140214','云冈区','1402','大同市');
INSERT INTO "county" VALUES('140215','云州区','1402','大同市');
INSERT INTO "county" VALUES('140221','阳高县','1402','大同市');
INSERT INTO "county" VALUES('140222','天镇县','1402','大同市');
INSERT INTO "county" VALUES('140223','广灵县','1402','大同市');
INSERT INTO "county" VALUES('140224','灵丘县','1402','大同市');
INSERT INTO "county" VALUES('140225','浑源县','1402','大同市');
INSERT INTO "county" VALUES('140226','左云县','1402','大同市');
INSERT INTO "county" VALUES('140302','城区','1403','阳泉市');
INSERT INTO "county" VALUES('140303','矿区','1403','阳泉市');
INSERT INTO "county" VALUES('140311','郊区','1403','阳泉市');
INSERT INTO "county" VALUES('140321','平定县','1403','阳泉市');
INSERT INTO "county" VALUES('140322','盂县','1403','阳泉市');
INSERT INTO "county" VALUES('140403','潞州区','1404','长治市');
INSERT INTO "county" VALUES('140404','上党区','1404','长治市');
INSERT INTO "county" VALUES('140405','屯留区','1404','长治市');
INSERT INTO "county" VALUES('140406','潞城区','1404','长治市');
INSERT INTO "county" VALUES('140423','襄垣县','1404','长治市');
INSERT INTO "county" VALUES('140425','平顺县','1404','长治市');
INSERT INTO "county" VALUES('140426','黎城县','1404','长治市');
INSERT INTO "county" VALUES('140427','壶关县','1404','长治市');
INSERT INTO "county" VALUES('140428','长子县','1404','长治市');
INSERT INTO "county" VALUES('140429','武乡县','1404','长治市');
INSERT INTO "county" VALUES('140430','沁县','1404','长治市');
INSERT INTO "county" VALUES('140431','沁源县','1404','长治市');
INSERT INTO "county" VALUES('140502','城区','1405','晋城市');
INSERT INTO "county" VALUES('140521','沁水县','1405','晋城市');
INSERT INTO "county" VALUES('140522','阳城县','1405','晋城市');
INSERT INTO "county" VALUES('140524','陵川县','1405','晋城市');
INSERT INTO "county" VALUES('140525','泽州县','1405','晋城市');
INSERT INTO "county" VALUES('140581','高平市','1405','晋城市');
INSERT INTO "county" VALUES('140602','朔城区','1406','朔州市');
INSERT INTO "county" VALUES('140603','平鲁区','1406','朔州市');
INSERT INTO "county" VALUES('140621','山阴县','1406','朔州市');
INSERT INTO "county" VALUES('140622','应县','1406','朔州市');
INSERT INTO "county" VALUES('140623','右玉县','1406','朔州市');
INSERT INTO "county" VALUES('140681','怀仁市','1406','朔州市');
INSERT INTO "county" VALUES('140702','榆次区','1407','晋中市');
INSERT INTO "county" VALUES('140703','太谷区','1407','晋中市');
INSERT INTO "county" VALUES('140721','榆社县','1407','晋中市');
INSERT INTO "county" VALUES('140722','左权县','1407','晋中市');
INSERT INTO "county" VALUES('140723','和顺县','1407','晋中市');
INSERT INTO "county" VALUES('140724','昔阳县','1407','晋中市');
INSERT INTO "county" VALUES('140725','寿阳县','1407','晋中市');
INSERT INTO "county" VALUES('140727','祁县','1407','晋中市');
INSERT INTO "county" VALUES('140728','平遥县','1407','晋中市');
INSERT INTO "county" VALUES('140729','灵石县','1407','晋中市');
INSERT INTO "county" VALUES('140781','介休市','1407','晋中市');
INSERT INTO "county" VALUES('140802','盐湖区','1408','运城市');
INSERT INTO "county" VALUES('140821','临猗县','1408','运城市');
INSERT INTO "county" VALUES('140822','万荣县','1408','运城市');
INSERT INTO "county" VALUES('140823','闻喜县','1408','运城市');
INSERT INTO "county" VALUES('140824','稷山县','1408','运城市');
INSERT INTO "county" VALUES('140825','新绛县','1408','运城市');
INSERT INTO "county" VALUES('140826','绛县','1408','运城市');
INSERT INTO "county" VALUES('140827','垣曲县','1408','运城市');
INSERT INTO "county" VALUES('140828','夏县','1408','运城市');
INSERT INTO "county" VALUES('140829','平陆县','1408','运城市');
INSERT INTO "county" VALUES('140830','芮城县','1408','运城市');
INSERT INTO "county" VALUES('140881','永济市','1408','运城市');
INSERT INTO "county" VALUES('140882','河津市','1408','运城市');
INSERT INTO "county" VALUES('140902','忻府区','1409','忻州市');
INSERT INTO "county" VALUES('140921','定襄县','1409','忻州市');
INSERT INTO "county" VALUES('140922','五台县','1409','忻州市');
INSERT INTO "county" VALUES('140923','代县','1409','忻州市');
INSERT INTO "county" VALUES('140924','繁峙县','1409','忻州市');
INSERT INTO "county" VALUES('140925','宁武县','1409','忻州市');
INSERT INTO "county" VALUES('140926','静乐县','1409','忻州市');
INSERT INTO "county" VALUES('140927','神池县','1409','忻州市');
INSERT INTO "county" VALUES('140928','五寨县','1409','忻州市');
INSERT INTO "county" VALUES('140929','岢岚县','1409','忻州市');
INSERT INTO "county" VALUES('140930','河曲县','1409','忻州市');
INSERT INTO "county" VALUES('140931','保德县','1409','忻州市');
INSERT INTO "county" VALUES('140932','偏关县','1409','忻州市');
INSERT INTO "county" VALUES('140981','原平市','1409','忻州市');
INSERT INTO "county" VALUES('141002','尧都区','1410','临汾市');
INSERT INTO "county" VALUES('141021','曲沃县','1410','临汾市');
INSERT INTO "county" VALUES('141022','翼城县','1410','临汾市');
INSERT INTO "county" VALUES('141023','襄汾县','1410','临汾市');
INSERT INTO "county" VALUES('141024','洪洞县','1410','临汾市');
INSERT INTO "county" VALUES('141025','古县','1410','临汾市');
INSERT INTO "county" VALUES('141026','安泽县','1410','临汾市');
INSERT INTO "county" VALUES('141027','浮山县','1410','临汾市');
INSERT INTO "county" VALUES('141028','吉县','1410','临汾市');
INSERT INTO "county" VALUES('141029','乡宁县','1410','临汾市');
INSERT INTO "county" VALUES('141030','大宁县','1410','临汾市');
INSERT INTO "county" VALUES('141031','隰县','1410','临汾市');
INSERT INTO "county" VALUES('141032','永和县','1410','临汾市');
INSERT INTO "county" VALUES('141033','蒲县','1410','临汾市');
INSERT INTO "county" VALUES('141034','汾西县','1410','临汾市');
INSERT INTO "county" VALUES('141081','侯马市','1410','临汾市');
INSERT INTO "county" VALUES('141082','霍州市','1410','临汾市');
INSERT INTO "county" VALUES('141102','离石区','1411','吕梁市');
INSERT INTO "county" VALUES('141121','文水县','1411','吕梁市');
INSERT INTO "county" VALUES('141122','交城县','1411','吕梁市');
INSERT INTO "county" VALUES('141123','兴县','1411','吕梁市');
INSERT INTO "county" VALUES('141124','临县','1411','吕梁市');
INSERT INTO "county" VALUES('141125','柳林县','1411','吕梁市');
INSERT INTO "county" VALUES('141126','石楼县','1411','吕梁市');
INSERT INTO "county" VALUES('141127','岚县','1411','吕梁市');
INSERT INTO "county" VALUES('141128','方山县','1411','吕梁市');
INSERT INTO "county" VALUES('141129','中阳县','1411','吕梁市');
INSERT INTO "county" VALUES('141130','交口县','1411','吕梁市');
INSERT INTO "county" VALUES('141181','孝义市','1411','吕梁市');
INSERT INTO "county" VALUES('141182','汾阳市','1411','吕梁市');
INSERT INTO "form_deadline" VALUES('registry','附件2 活动名录','2021-04-23','2021-04-23 15:59:59+00:00',NULL);
INSERT INTO "form_deadline" VALUES('plan','工作方案、活动安排计划表、联系人名单','2021-04-30','2021-04-30 15:59:59+00:00','通知原文为“4月31日前”，该日期不存在，按2021年4月30日执行。');
INSERT INTO "form_deadline" VALUES('results_may','消费促进月期间活动全面情况和量化成效','2021-06-01','2021-06-01 15:59:59+00:00',NULL);
INSERT INTO "form_deadline" VALUES('results_year','全年消费促进工作情况总结','2021-12-31','2021-12-31 15:59:59+00:00',NULL);
INSERT INTO "message" VALUES('3f79707109f969395935eb519d43ad4b65c786a80493df874a2800cd0520fa78','315c8aae115d3dd5@datong.sx.example','/tmp/mig/arch/3f/79/3f79707109f969395935eb519d43ad4b65c786a80493df874a2800cd0520fa78.eml',417,'maildir:/tmp/mig/md','1618790400.M0P0.22-datong-autoreply','2021-04-19 00:00:00+00:00','2026-12-02 00:47:28.420861+00:00','swj@datong.sx.example','','自动回复：关于报送活动情况的通知','Mon, 19 Apr 2021 08:00:00 +0800','2021-04-19 00:00:00+00:00','大同市','ignored',NULL,'自动回复或退信，不是报送邮件。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','c3924cede84959d5@jincheng.sx.example','/tmp/mig/arch/a6/52/a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110.eml',52183,'maildir:/tmp/mig/md','1618902000.M0P0.06-jincheng-registry-docx','2021-04-20 07:00:00+00:00','2026-12-02 00:47:28.421834+00:00','swj@jincheng.sx.example','','晋城市关于报送2021年全国消费促进月活动情况的函','Tue, 20 Apr 2021 15:00:00 +0800','2021-04-20 07:00:00+00:00','晋城市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','d8cf10d7fbae52c5@taiyuan.sx.example','/tmp/mig/arch/64/bf/64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f.eml',10128,'maildir:/tmp/mig/md','1618968600.M0P0.01-taiyuan-registry','2021-04-21 01:30:00+00:00','2026-12-02 00:47:28.422004+00:00','swj@taiyuan.sx.example','太原市商务局','太原市关于报送2021年全国消费促进月活动情况的函','Wed, 21 Apr 2021 09:30:00 +0800','2021-04-21 01:30:00+00:00','太原市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','673ffb5ca713c73e@jinzhong.sx.example','/tmp/mig/arch/a0/8a/a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3.eml',9801,'maildir:/tmp/mig/md','1618970400.M0P0.09-jinzhong-first','2021-04-21 02:00:00+00:00','2026-12-02 00:47:28.422135+00:00','swj@jinzhong.sx.example','','晋中市关于报送2021年全国消费促进月活动情况的函','Wed, 21 Apr 2021 10:00:00 +0800','2021-04-21 02:00:00+00:00','晋中市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467','ee7bd492347444f1@shuozhou.sx.example','/tmp/mig/arch/3c/9e/3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467.eml',9555,'maildir:/tmp/mig/md','1619053200.M0P0.07-shuozhou-rejected','2021-04-22 01:00:00+00:00','2026-12-02 00:47:28.422253+00:00','swj@shuozhou.sx.example','','朔州市关于报送2021年全国消费促进月活动情况的函','Thu, 22 Apr 2021 09:00:00 +0800','2021-04-22 01:00:00+00:00','朔州市','rejected','validation_failed','第5行“参加县区”中的“开发区”不是本市的县（市、区），请填写规范名称（如“小店区”），全市性活动填“全市”。；第6行“举办时间”：无法识别的日期“另行通知”，请填写如“5月1日-5月31日”或“2021年5月1日”','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','e3522072e326020fd88a@linfen.sx.example','/tmp/mig/arch/20/a7/20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773.eml',10849,'maildir:/tmp/mig/md','1619053200.M0P0.16-linfen-forwarded','2021-04-22 01:00:00+00:00','2026-12-02 00:47:28.422364+00:00','swj@linfen.sx.example','','转发：临汾市关于报送2021年全国消费促进月活动情况的函','Thu, 22 Apr 2021 09:00:00 +0800','2021-04-22 01:00:00+00:00','临汾市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','9deb0f4156dd1426@yuncheng.sx.example','/tmp/mig/arch/2a/c8/2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16.eml',9739,'maildir:/tmp/mig/md','1619056800.M0P0.11-yuncheng-registry','2021-04-22 02:00:00+00:00','2026-12-02 00:47:28.422480+00:00','swj@yuncheng.sx.example','','运城市关于报送2021年全国消费促进月活动情况的函','Thu, 22 Apr 2021 10:00:00 +0800','2021-04-22 02:00:00+00:00','运城市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('c904dfb9eb67c21c611e99c77e4c009cdec43eaf6666d108499f2070a7b6a05b','9deb0f4156dd1426@yuncheng.sx.example','/tmp/mig/arch/c9/04/c904dfb9eb67c21c611e99c77e4c009cdec43eaf6666d108499f2070a7b6a05b.eml',9823,'maildir:/tmp/mig/md','1619056800.M0P0.12-yuncheng-redelivered','2021-04-22 02:00:00+00:00','2026-12-02 00:47:28.422592+00:00','swj@yuncheng.sx.example','','运城市关于报送2021年全国消费促进月活动情况的函','Thu, 22 Apr 2021 10:00:00 +0800','2021-04-22 02:00:00+00:00','运城市','duplicate',NULL,'同一封邮件（Message-ID相同）此前已收到并处理，无需处理。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('fd5a8a3fb6e26b3932846b4d5a92f2e937e2acd9661962120d4f8013edee96e6','051b290e6d61f558@huarun-wanjia.example','/tmp/mig/arch/fd/5a/fd5a8a3fb6e26b3932846b4d5a92f2e937e2acd9661962120d4f8013edee96e6.eml',8943,'maildir:/tmp/mig/md','1619067600.M0P0.20-unknown-sender','2021-04-22 05:00:00+00:00','2026-12-02 00:47:28.422700+00:00','market@huarun-wanjia.example','','华润万家五一促销活动报名表','Thu, 22 Apr 2021 13:00:00 +0800','2021-04-22 05:00:00+00:00',NULL,'quarantined','unknown_sender','发件人market@huarun-wanjia.example不在报送邮箱登记表中，邮件已隔离，未入库。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','ec5555e5bedea5e6@datong.sx.example','/tmp/mig/arch/92/08/92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793.eml',8848,'maildir:/tmp/mig/md','1619078400.M0P0.02-datong-registry-xls','2021-04-22 08:00:00+00:00','2026-12-02 00:47:28.422806+00:00','swj@datong.sx.example','','大同市关于报送2021年全国消费促进月活动情况的函','Thu, 22 Apr 2021 16:00:00 +0800','2021-04-22 08:00:00+00:00','大同市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('63cb9967cc37118c72f8feee4e57829b08252605f6d07f31788fd46d2b3087ff','84664f771917a570@datong.sx.example','/tmp/mig/arch/63/cb/63cb9967cc37118c72f8feee4e57829b08252605f6d07f31788fd46d2b3087ff.eml',8020,'maildir:/tmp/mig/md','1619082000.M0P0.03-datong-wrong-table','2021-04-22 09:00:00+00:00','2026-12-02 00:47:28.422913+00:00','swj@datong.sx.example','','大同市4月销售情况','Thu, 22 Apr 2021 17:00:00 +0800','2021-04-22 09:00:00+00:00','大同市','rejected','wrong_template','未找到附件2模板的表头：缺少“参加县区”“重点活动名称”“举办时间”列（工作表“Sheet1”第2行为：序号、企业名称、4月销售额（万元）、同比增长（%））。请使用附件2模板填写。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('8a0b72586345b523af630171fef980c4647e07939e736fac8938fc5960a314a6','22de7307cd18931c@yuncheng.sx.example','/tmp/mig/arch/8a/0b/8a0b72586345b523af630171fef980c4647e07939e736fac8938fc5960a314a6.eml',9751,'maildir:/tmp/mig/md','1619139600.M0P0.13-yuncheng-resend','2021-04-23 01:00:00+00:00','2026-12-02 00:47:28.423023+00:00','swj@yuncheng.sx.example','','运城市关于报送2021年全国消费促进月活动情况的函（重发）','Fri, 23 Apr 2021 09:00:00 +0800','2021-04-23 01:00:00+00:00','运城市','duplicate',NULL,'与此前收到的文件“附件2：运城市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx”内容完全相同，无需重复报送。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('75ac46119b6480a55f2a7194180d317b6eb34ec47fdf2aa32747851a589d7221','2fe8c2644a3645c0@lvliang.sx.example','/tmp/mig/arch/75/ac/75ac46119b6480a55f2a7194180d317b6eb34ec47fdf2aa32747851a589d7221.eml',16765,'maildir:/tmp/mig/md','1619143200.M0P0.18-lvliang-encrypted','2021-04-23 02:00:00+00:00','2026-12-02 00:47:28.423131+00:00','swj@lvliang.sx.example','','吕梁市关于报送2021年全国消费促进月活动情况的函','Fri, 23 Apr 2021 10:00:00 +0800','2021-04-23 02:00:00+00:00','吕梁市','rejected','encrypted','附件“附件2：吕梁市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx”：文件设置了打开密码，系统无法读取。请取消密码后重新发送。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','484c663285f36b82@mail.sx.example','/tmp/mig/arch/b4/a3/b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461.eml',2347,'maildir:/tmp/mig/md','1619146800.M0P0.05-changzhi-registry-csv','2021-04-23 03:00:00+00:00','2026-12-02 00:47:28.423236+00:00','czsw_scc@mail.sx.example','','长治市关于报送2021年全国消费促进月活动情况的函','Fri, 23 Apr 2021 11:00:00 +0800','2021-04-23 03:00:00+00:00','长治市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('4a9e92dc65208f2f76b549118b6aeb4a7cf0934ac568a544dd64b25f9cd1af01','8ea10e952ff4d656@lvliang.sx.example','/tmp/mig/arch/4a/9e/4a9e92dc65208f2f76b549118b6aeb4a7cf0934ac568a544dd64b25f9cd1af01.eml',8723,'maildir:/tmp/mig/md','1619157600.M0P0.19-lvliang-blank','2021-04-23 06:00:00+00:00','2026-12-02 00:47:28.423344+00:00','swj@lvliang.sx.example','','吕梁市关于报送2021年全国消费促进月活动情况的函（无密码）','Fri, 23 Apr 2021 14:00:00 +0800','2021-04-23 06:00:00+00:00','吕梁市','rejected','validation_failed','表格中没有活动数据（只有表头）：工作表“Sheet1”第3行表头以下没有填写任何活动。请逐行填写活动后重新报送。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('55c7218555e2e051064ff904d78caf86289c0cd888b3ea9a065dc36fa2a9cee6','b002396a91663008@xinzhou.sx.example','/tmp/mig/arch/55/c7/55c7218555e2e051064ff904d78caf86289c0cd888b3ea9a065dc36fa2a9cee6.eml',1275,'maildir:/tmp/mig/md','1619161200.M0P0.14-xinzhou-pdf','2021-04-23 07:00:00+00:00','2026-12-02 00:47:28.423449+00:00','swj@xinzhou.sx.example','','忻州市关于报送2021年全国消费促进月活动情况的函','Fri, 23 Apr 2021 15:00:00 +0800','2021-04-23 07:00:00+00:00','忻州市','rejected','unsupported_format','收到的附件“忻州市活动名录（盖章）.pdf”是PDF文件，系统只能读取Excel表格（.xlsx/.xls）、CSV或Word（.docx）文件中的表格，请按附件2模板填写Excel后重新发送。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','280a7fbcf8345932@yangquan.sx.example','/tmp/mig/arch/98/03/980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832.eml',10333,'maildir:/tmp/mig/md','1619172000.M0P0.04-yangquan-registry','2021-04-23 10:00:00+00:00','2026-12-02 00:47:28.423552+00:00','swj@yangquan.sx.example','','阳泉市关于报送2021年全国消费促进月活动情况的函','Fri, 23 Apr 2021 18:00:00 +0800','2021-04-23 10:00:00+00:00','阳泉市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','4b472d6daabe66f7@jinzhong.sx.example','/tmp/mig/arch/4a/eb/4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f.eml',10269,'maildir:/tmp/mig/md','1619179200.M0P0.10-jinzhong-update','2021-04-23 12:00:00+00:00','2026-12-02 00:47:28.423655+00:00','swj@jinzhong.sx.example','','晋中市关于报送2021年全国消费促进月活动情况的函（更新版）','Fri, 23 Apr 2021 20:00:00 +0800','2021-04-23 12:00:00+00:00','晋中市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','e5189ada00b03ec6@xinzhou.sx.example','/tmp/mig/arch/6f/f3/6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9.eml',8911,'maildir:/tmp/mig/md','1619229600.M0P0.15-xinzhou-zip','2021-04-24 02:00:00+00:00','2026-12-02 00:47:28.423758+00:00','swj@xinzhou.sx.example','','忻州市关于报送2021年全国消费促进月活动情况的函（表格）','Sat, 24 Apr 2021 10:00:00 +0800','2021-04-24 02:00:00+00:00','忻州市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','ded8842cd3557b65@shuozhou.sx.example','/tmp/mig/arch/f3/fb/f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a.eml',9619,'maildir:/tmp/mig/md','1619316000.M0P0.08-shuozhou-corrected','2021-04-25 02:00:00+00:00','2026-12-02 00:47:28.423859+00:00','swj@shuozhou.sx.example','','回复：朔州市关于报送2021年全国消费促进月活动情况的函（修改后）','Sun, 25 Apr 2021 10:00:00 +0800','2021-04-25 02:00:00+00:00','朔州市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('be56dad4da310ca451423bf389fc2a8b90685666929e65e3ff6fa0aec50a1c36','bc5a8ba8be57ee73@taiyuan.sx.example','/tmp/mig/arch/be/56/be56dad4da310ca451423bf389fc2a8b90685666929e65e3ff6fa0aec50a1c36.eml',405,'maildir:/tmp/mig/md','1619402400.M0P0.21-taiyuan-question','2021-04-26 02:00:00+00:00','2026-12-02 00:47:28.423965+00:00','swj@taiyuan.sx.example','','请问结果统计模板什么时候下发？','Mon, 26 Apr 2021 10:00:00 +0800','2021-04-26 02:00:00+00:00','太原市','ignored',NULL,'邮件没有附件，未作为报送处理。如需报送，请将表格作为附件发送。','2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('0371a68ccb3f4b5700d38aa72fa76285d6207d3f0d68502888d67f89519c8bf5','e034d3e3a746d400@linfen.sx.example','/tmp/mig/arch/03/71/0371a68ccb3f4b5700d38aa72fa76285d6207d3f0d68502888d67f89519c8bf5.eml',52048,'maildir:/tmp/mig/md','1619683200.M0P0.17-linfen-plan','2021-04-29 08:00:00+00:00','2026-12-02 00:47:28.424078+00:00','swj@linfen.sx.example','','临汾市消费促进月工作方案及联系人名单','Thu, 29 Apr 2021 16:00:00 +0800','2021-04-29 08:00:00+00:00','临汾市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "message" VALUES('1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','688b5df806550a33@taiyuan.sx.example','/tmp/mig/arch/1f/0c/1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69.eml',14178,'maildir:/tmp/mig/md','1622451600.M0P0.23-taiyuan-results-may','2021-05-31 09:00:00+00:00','2026-12-02 00:47:28.428346+00:00','swj@taiyuan.sx.example','','太原市消费促进月（5月）活动成效统计表','Mon, 31 May 2021 17:00:00 +0800','2021-05-31 09:00:00+00:00','太原市','accepted',NULL,NULL,'2026-12-02 00:47:37+00:00','cli');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1618790400.M0P0.22-datong-autoreply','3f79707109f969395935eb519d43ad4b65c786a80493df874a2800cd0520fa78');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1618902000.M0P0.06-jincheng-registry-docx','a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1618968600.M0P0.01-taiyuan-registry','64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1618970400.M0P0.09-jinzhong-first','a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619053200.M0P0.07-shuozhou-rejected','3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619053200.M0P0.16-linfen-forwarded','20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619056800.M0P0.11-yuncheng-registry','2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619056800.M0P0.12-yuncheng-redelivered','c904dfb9eb67c21c611e99c77e4c009cdec43eaf6666d108499f2070a7b6a05b');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619067600.M0P0.20-unknown-sender','fd5a8a3fb6e26b3932846b4d5a92f2e937e2acd9661962120d4f8013edee96e6');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619078400.M0P0.02-datong-registry-xls','92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619082000.M0P0.03-datong-wrong-table','63cb9967cc37118c72f8feee4e57829b08252605f6d07f31788fd46d2b3087ff');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619139600.M0P0.13-yuncheng-resend','8a0b72586345b523af630171fef980c4647e07939e736fac8938fc5960a314a6');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619143200.M0P0.18-lvliang-encrypted','75ac46119b6480a55f2a7194180d317b6eb34ec47fdf2aa32747851a589d7221');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619146800.M0P0.05-changzhi-registry-csv','b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619157600.M0P0.19-lvliang-blank','4a9e92dc65208f2f76b549118b6aeb4a7cf0934ac568a544dd64b25f9cd1af01');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619161200.M0P0.14-xinzhou-pdf','55c7218555e2e051064ff904d78caf86289c0cd888b3ea9a065dc36fa2a9cee6');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619172000.M0P0.04-yangquan-registry','980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619179200.M0P0.10-jinzhong-update','4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619229600.M0P0.15-xinzhou-zip','6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619316000.M0P0.08-shuozhou-corrected','f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619402400.M0P0.21-taiyuan-question','be56dad4da310ca451423bf389fc2a8b90685666929e65e3ff6fa0aec50a1c36');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1619683200.M0P0.17-linfen-plan','0371a68ccb3f4b5700d38aa72fa76285d6207d3f0d68502888d67f89519c8bf5');
INSERT INTO "mailbox_ref" VALUES('maildir:/tmp/mig/md','1622451600.M0P0.23-taiyuan-results-may','1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69');
INSERT INTO "submission" VALUES(1,'a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','2','晋城市活动名录.docx','application/vnd.openxmlformats-officedocument.wordprocessingml.document',37430,'f7f9373aaee8b0adcab57a675044e181fc18e90b6b7eef1b4e849e63dc0530d9','/tmp/mig/arch/f7/f9/f7f9373aaee8b0adcab57a675044e181fc18e90b6b7eef1b4e849e63dc0530d9.docx','晋城市','registry','accepted',NULL,NULL,'2021-04-20 07:00:00+00:00','表1',1,NULL,NULL,5,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','2','附件2：太原市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6393,'6a1ca5efe6756fa0292f652e9a22a0b8dfc794f31f04240594b4f8b55685acc7','/tmp/mig/arch/6a/1c/6a1ca5efe6756fa0292f652e9a22a0b8dfc794f31f04240594b4f8b55685acc7.xlsx','太原市','registry','accepted',NULL,NULL,'2021-04-21 01:30:00+00:00','Sheet1',3,'太原市商务局','参加2021年全国消费促进月活动的县区（市）8个，重点活动8场，参与企业470家，预估成交2.45亿元。',8,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(3,'a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','2','附件2：晋中市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6172,'1d037df3203c11a7e615f29e3ab80f7262719e244ba7127de9e6cdd77bd517dd','/tmp/mig/arch/1d/03/1d037df3203c11a7e615f29e3ab80f7262719e244ba7127de9e6cdd77bd517dd.xlsx','晋中市','registry','superseded',NULL,NULL,'2021-04-21 02:00:00+00:00','Sheet1',3,'晋中市商务局','参加2021年全国消费促进月活动的县区（市）6个，重点活动6场，参与企业470家，预估成交2.13亿元。',6,15,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(4,'3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467','2','附件2：朔州市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',5993,'9380e2103fac9e7134654f87ed329595c92f343c7d10b3d65689f5d43b94348d','/tmp/mig/arch/93/80/9380e2103fac9e7134654f87ed329595c92f343c7d10b3d65689f5d43b94348d.xlsx','朔州市','registry','rejected','validation_failed','第5行“参加县区”中的“开发区”不是本市的县（市、区），请填写规范名称（如“小店区”），全市性活动填“全市”。；第6行“举办时间”：无法识别的日期“另行通知”，请填写如“5月1日-5月31日”或“2021年5月1日”','2021-04-22 01:00:00+00:00','Sheet1',3,'朔州市商务局','参加2021年全国消费促进月活动的县区（市）5个，重点活动5场，参与企业430家，预估成交1.96亿元。',0,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','2/fwd/2','附件2：临汾市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6373,'f7d092060e7120306e751fbd451caa2bcfcaa16d9d7ba5820b4b0d25decc86af','/tmp/mig/arch/f7/d0/f7d092060e7120306e751fbd451caa2bcfcaa16d9d7ba5820b4b0d25decc86af.xlsx','临汾市','registry','accepted',NULL,NULL,'2021-04-22 01:00:00+00:00','Sheet1',3,'临汾市商务局','参加2021年全国消费促进月活动的县区（市）6个，重点活动7场，参与企业510家，预估成交2.93亿元。',7,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(6,'2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','2','附件2：运城市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6129,'f2bd68010b072f987a18b78a360d44a85a3916e750bd31e74f1ed8b1d5e9c473','/tmp/mig/arch/f2/bd/f2bd68010b072f987a18b78a360d44a85a3916e750bd31e74f1ed8b1d5e9c473.xlsx','运城市','registry','accepted',NULL,NULL,'2021-04-22 02:00:00+00:00','Sheet1',3,'运城市商务局','参加2021年全国消费促进月活动的县区（市）6个，重点活动6场，参与企业610家，预估成交1.41亿元。',6,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(7,'92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','2','附件2：大同市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xls','application/vnd.ms-excel',5632,'ab7c70995e4a14dbed7ed8f8ec214694fd06fe8eb06cc76b637a9b88e459c906','/tmp/mig/arch/ab/7c/ab7c70995e4a14dbed7ed8f8ec214694fd06fe8eb06cc76b637a9b88e459c906.xls','大同市','registry','accepted',NULL,NULL,'2021-04-22 08:00:00+00:00','Sheet1',3,'大同市商务局','参加2021年全国消费促进月活动的县区（市）5个，重点活动6场，参与企业380家，预估成交2.13亿元。',6,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(8,'63cb9967cc37118c72f8feee4e57829b08252605f6d07f31788fd46d2b3087ff','2','大同市4月重点企业销售统计.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',5121,'5edd5ab7d55e731a4043501c0b70a2c89a88530e4bb2b064bfa0cc86e1767f1d','/tmp/mig/arch/5e/dd/5edd5ab7d55e731a4043501c0b70a2c89a88530e4bb2b064bfa0cc86e1767f1d.xlsx','大同市',NULL,'rejected','wrong_template','未找到附件2模板的表头：缺少“参加县区”“重点活动名称”“举办时间”列（工作表“Sheet1”第2行为：序号、企业名称、4月销售额（万元）、同比增长（%））。请使用附件2模板填写。','2021-04-22 09:00:00+00:00',NULL,NULL,NULL,NULL,0,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(9,'8a0b72586345b523af630171fef980c4647e07939e736fac8938fc5960a314a6','2','附件2：运城市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6129,'f2bd68010b072f987a18b78a360d44a85a3916e750bd31e74f1ed8b1d5e9c473','/tmp/mig/arch/f2/bd/f2bd68010b072f987a18b78a360d44a85a3916e750bd31e74f1ed8b1d5e9c473.xlsx','运城市',NULL,'duplicate',NULL,'与此前收到的文件“附件2：运城市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx”内容完全相同，无需重复报送。','2021-04-23 01:00:00+00:00',NULL,NULL,NULL,NULL,0,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(10,'75ac46119b6480a55f2a7194180d317b6eb34ec47fdf2aa32747851a589d7221','2','附件2：吕梁市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',11264,'117d6cca83ca0fd1da2f0ddd4e4764fdb985380d6dc76d46c036b6764e12c52b','/tmp/mig/arch/11/7d/117d6cca83ca0fd1da2f0ddd4e4764fdb985380d6dc76d46c036b6764e12c52b.xlsx','吕梁市',NULL,'rejected','encrypted','附件“附件2：吕梁市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx”：文件设置了打开密码，系统无法读取。请取消密码后重新发送。','2021-04-23 02:00:00+00:00',NULL,NULL,NULL,NULL,0,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(11,'b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','2','长治市活动名录.csv','text/csv',1026,'8cdffbd54edde89d38aab0f9cf6347b9f2c39bf5709e1460422351b1fefd73e1','/tmp/mig/arch/8c/df/8cdffbd54edde89d38aab0f9cf6347b9f2c39bf5709e1460422351b1fefd73e1.csv','长治市','registry','accepted',NULL,NULL,'2021-04-23 03:00:00+00:00','长治市活动名录',3,'长治市商务局','参加2021年全国消费促进月活动的县区（市）6个，重点活动6场，参与企业340家，预估成交3.3亿元。',6,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(12,'4a9e92dc65208f2f76b549118b6aeb4a7cf0934ac568a544dd64b25f9cd1af01','2','附件2：吕梁市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',5377,'beed4621c959dcc3de69623846dfd6356b866028ae602ebc216896d11d810455','/tmp/mig/arch/be/ed/beed4621c959dcc3de69623846dfd6356b866028ae602ebc216896d11d810455.xlsx','吕梁市','registry','rejected','validation_failed','表格中没有活动数据（只有表头）：工作表“Sheet1”第3行表头以下没有填写任何活动。请逐行填写活动后重新报送。','2021-04-23 06:00:00+00:00',NULL,NULL,NULL,NULL,0,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(13,'55c7218555e2e051064ff904d78caf86289c0cd888b3ea9a065dc36fa2a9cee6','2','忻州市活动名录（盖章）.pdf','application/pdf',199,'df9489e569dbbd5e24f45d8ea68b05a37400e1385c6696675369f46830a817e9','/tmp/mig/arch/df/94/df9489e569dbbd5e24f45d8ea68b05a37400e1385c6696675369f46830a817e9.pdf','忻州市',NULL,'rejected','unsupported_format','收到的附件“忻州市活动名录（盖章）.pdf”是PDF文件，系统只能读取Excel表格（.xlsx/.xls）、CSV或Word（.docx）文件中的表格，请按附件2模板填写Excel后重新发送。','2021-04-23 07:00:00+00:00',NULL,NULL,NULL,NULL,0,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','2','附件2：阳泉市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6772,'bafc94e1b90700897678833f4b72e5ddabc61235796095cb7269eddba1112732','/tmp/mig/arch/ba/fc/bafc94e1b90700897678833f4b72e5ddabc61235796095cb7269eddba1112732.xlsx','阳泉市','registry','accepted',NULL,NULL,'2021-04-23 10:00:00+00:00','活动名录',3,'阳泉市商务局','参加2021年全国消费促进月活动的县区（市）6个，重点活动7场，参与企业420家，预估成交1.48亿元。',7,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','2','附件2：晋中市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6505,'ec7db42e7e5e69766bb2c37362962cfa93daad588de3429e8c4bbaa88ed082df','/tmp/mig/arch/ec/7d/ec7db42e7e5e69766bb2c37362962cfa93daad588de3429e8c4bbaa88ed082df.xlsx','晋中市','registry','accepted',NULL,NULL,'2021-04-23 12:00:00+00:00','Sheet1',3,'晋中市商务局','参加2021年全国消费促进月活动的县区（市）9个，重点活动9场，参与企业560家，预估成交2.66亿元。',9,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(16,'6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','2/忻州市报送材料.zip!附件2 忻州市活动名录.xlsx','附件2 忻州市活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6207,'91554dc13de11c0bdf4a8384b30d7291adb654edea81a48303e41d952b9b719c','/tmp/mig/arch/91/55/91554dc13de11c0bdf4a8384b30d7291adb654edea81a48303e41d952b9b719c.xlsx','忻州市','registry','accepted',NULL,NULL,'2021-04-24 02:00:00+00:00','Sheet1',3,'忻州市商务局','参加2021年全国消费促进月活动的县区（市）6个，重点活动6场，参与企业370家，预估成交2亿元。',6,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(17,'f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','2','附件2：朔州市2021年全国消费促进月暨“礼享生活·晋情消费”促消费系列活动名录.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',6025,'6c8b42030eefa8fc7fb5f0ba42a07c24f3995d5b2d2bc2e85c22e951c0c1e900','/tmp/mig/arch/6c/8b/6c8b42030eefa8fc7fb5f0ba42a07c24f3995d5b2d2bc2e85c22e951c0c1e900.xlsx','朔州市','registry','accepted',NULL,NULL,'2021-04-25 02:00:00+00:00','Sheet1',3,'朔州市商务局','参加2021年全国消费促进月活动的县区（市）5个，重点活动5场，参与企业430家，预估成交1.96亿元。',5,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(18,'0371a68ccb3f4b5700d38aa72fa76285d6207d3f0d68502888d67f89519c8bf5','2','临汾市2021年消费促进月工作方案.docx','application/vnd.openxmlformats-officedocument.wordprocessingml.document',37260,'b86da90126528b49dacc541abdacfac3634afc059fb07e0feb427542b0e64d24','/tmp/mig/arch/b8/6d/b86da90126528b49dacc541abdacfac3634afc059fb07e0feb427542b0e64d24.docx','临汾市','plan','accepted',NULL,NULL,'2021-04-29 08:00:00+00:00',NULL,NULL,NULL,NULL,0,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "submission" VALUES(19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','2','jx2021_results_may_template_太原市（已填）.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',9602,'ef9ecb7a62d73e5f4271811ca416063e5d74883db5d329e61ccef3e6789149c4','/tmp/mig/arch/ef/9e/ef9ecb7a62d73e5f4271811ca416063e5d74883db5d329e61ccef3e6789149c4.xlsx','太原市','results_may','accepted',NULL,NULL,'2021-05-31 09:00:00+00:00','活动成效',5,'太原市商务局',NULL,8,NULL,'2026-12-02 00:47:37+00:00');
INSERT INTO "problem" VALUES(1,1,'a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','warning','sender_unverified','表1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(2,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(3,3,'a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(4,4,'3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(5,4,'3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467','warning','summary_mismatch','Sheet1',NULL,NULL,'表下合计语句与表中数据不一致：县区写5个，按表中各行计算为4个。汇总以表中各行为准。');
INSERT INTO "problem" VALUES(6,4,'3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467','error','county_unknown','Sheet1',5,'参加县区','第5行“参加县区”中的“开发区”不是本市的县（市、区），请填写规范名称（如“小店区”），全市性活动填“全市”。');
INSERT INTO "problem" VALUES(7,4,'3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467','error','date_unparseable','Sheet1',6,'举办时间','第6行“举办时间”：无法识别的日期“另行通知”，请填写如“5月1日-5月31日”或“2021年5月1日”');
INSERT INTO "problem" VALUES(8,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(9,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','warning','summary_mismatch','Sheet1',NULL,NULL,'表下合计语句与表中数据不一致：参与企业写510家，按表中各行计算为400家；预估成交写2.93亿元，按表中各行计算为2.35亿元。汇总以表中各行为准。');
INSERT INTO "problem" VALUES(10,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','warning','money_unit_assumed','Sheet1',9,'预估成效（成交额等）','第9行“预估成效（成交额等）”：“5000”未写单位，已按万元计。');
INSERT INTO "problem" VALUES(11,6,'2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(12,7,'92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(13,8,'63cb9967cc37118c72f8feee4e57829b08252605f6d07f31788fd46d2b3087ff','warning','sender_unverified',NULL,NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(14,9,'8a0b72586345b523af630171fef980c4647e07939e736fac8938fc5960a314a6','warning','sender_unverified',NULL,NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(15,10,'75ac46119b6480a55f2a7194180d317b6eb34ec47fdf2aa32747851a589d7221','warning','sender_unverified',NULL,NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(16,11,'b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','warning','sender_unverified','长治市活动名录',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(17,12,'4a9e92dc65208f2f76b549118b6aeb4a7cf0934ac568a544dd64b25f9cd1af01','warning','sender_unverified',NULL,NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(18,13,'55c7218555e2e051064ff904d78caf86289c0cd888b3ea9a065dc36fa2a9cee6','warning','sender_unverified',NULL,NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(19,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','warning','sender_unverified','活动名录',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(20,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','warning','summary_mismatch','活动名录',NULL,NULL,'表下合计语句与表中数据不一致：县区写6个，按表中各行计算为4个；参与企业写420家，按表中各行计算为170家。汇总以表中各行为准。');
INSERT INTO "problem" VALUES(21,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','warning','money_unit_assumed','活动名录',5,'预估成效（成交额等）','第5行“预估成效（成交额等）”：“1000”未写单位，已按万元计。');
INSERT INTO "problem" VALUES(22,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(23,16,'6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(24,17,'f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','warning','sender_unverified','Sheet1',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(25,18,'0371a68ccb3f4b5700d38aa72fa76285d6207d3f0d68502888d67f89519c8bf5','warning','sender_unverified',NULL,NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "problem" VALUES(26,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','warning','sender_unverified','活动成效',NULL,NULL,'发件人身份未经邮件服务器验证（报送邮箱未配置邮件服务器标识（authserv_id），无法验证发件人身份），已按“警告”策略入库，请核实。');
INSERT INTO "activity" VALUES(1,1,'a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','晋城市','registry','表1',2,'城区',0,'城区','城区电子消费券发放活动','城区电子消费券发放活动','2021-05-01','2021-06-30','5月1日-6月30日','通过云闪付平台分批发放电子消费券',20,'约20家','发放消费券200万元',1000.0,'1000万元','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(2,1,'a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','晋城市','registry','表1',3,'沁水县',0,'沁水县','沁水商圈购物节','沁水商圈购物节','2021-05-01','2021-05-31','5月','重点商圈商场联动开展满减促销',20,'约20家','满300减50',500.0,'500万元','城市商圈',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(3,1,'a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','晋城市','registry','表1',4,'阳城县',0,'阳城县','阳城农产品进城消费节','阳城农产品进城消费节','2021-05-01','2021-05-31','5月1日-5月31日','组织合作社和农户开展农副产品展销',150,'约150家','免收摊位费',2000.0,'2000万元','其他',NULL,'default',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(4,1,'a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','晋城市','registry','表1',5,'陵川县',0,'陵川县','“五一”陵川欢乐购','“五一”陵川欢乐购','2021-05-01','2021-05-05','5月1日-5月5日','节假日期间商场超市联合促销',100,'约100家','商家让利10%',12000.0,'12000万元','节假日消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(5,1,'a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','晋城市','registry','表1',6,'泽州县',0,'泽州县','泽州2021春季汽车展销会','泽州2021春季汽车展销会','2021-05-15','2021-05-20','5月15日-5月20日','组织区域内4S店集中展销，开展试驾、团购活动',150,'约150家','购车补贴3000元/辆',1000.0,'1000万元','汽车、成品油促消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(6,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市','registry','Sheet1',4,'小店区',0,'小店区','小店2021春季汽车展销会','小店2021春季汽车展销会','2021-05-15','2021-05-20','5月15日-5月20日','组织区域内4S店集中展销，开展试驾、团购活动',100,'约100家','购车补贴3000元/辆',500.0,'500万元','汽车、成品油促消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(7,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市','registry','Sheet1',5,'迎泽区',0,'迎泽区','“晋味迎泽”美食节','“晋味迎泽”美食节','2021-05-15','2021-05-20','5月15日-5月20日','组织老字号餐饮企业推出特色菜品和套餐',20,'约20家','满100减20餐饮券',1000.0,'1000万元','餐饮消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(8,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市','registry','Sheet1',6,'杏花岭区',0,'杏花岭区','杏花岭家电家居以旧换新月','杏花岭家电家居以旧换新月','2021-05-01','2021-05-05','5月1日-5月5日','家电卖场联合厂家开展以旧换新',50,'约50家','以旧换新补贴最高500元',5000.0,'5000万元','家电家具家装',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(9,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市','registry','Sheet1',7,'尖草坪区',0,'尖草坪区','尖草坪“夜太美”夜间消费季','尖草坪“夜太美”夜间消费季','2021-05-01','2021-05-05','5月1日-5月5日','打造夜市街区，延长商业营业时间',30,'约30家','夜间停车免费',5000.0,'5000万元','夜经济',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(10,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市','registry','Sheet1',8,'万柏林区',0,'万柏林区','万柏林电商直播带货节','万柏林电商直播带货节','2021-05-01','2021-06-30','5月1日-6月30日','组织本地企业开展直播带货，推广特色农产品',20,'约20家','直播平台流量扶持',2000.0,'2000万元','网络消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(11,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市','registry','Sheet1',9,'晋源区',0,'晋源区','晋源老字号嘉年华','晋源老字号嘉年华','2021-05-01','2021-05-05','5月1日-5月5日','老字号企业集中展示展销',150,'约150家','老字号产品九折优惠',1000.0,'1000万元','老字号',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(12,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市','registry','Sheet1',10,'清徐县',0,'清徐县','清徐电子消费券发放活动','清徐电子消费券发放活动','2021-05-01','2021-05-31','5月','通过云闪付平台分批发放电子消费券',80,'约80家','发放消费券200万元',5000.0,'5000万元','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(13,2,'64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市','registry','Sheet1',11,'阳曲县',0,'阳曲县','阳曲商圈购物节','阳曲商圈购物节','2021-05-01','2021-05-05','5月1日-5月5日','重点商圈商场联动开展满减促销',20,'约20家','满300减50',5000.0,'5000万元','城市商圈',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(14,3,'a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','晋中市','registry','Sheet1',4,'榆次区',0,'榆次区','榆次商圈购物节','榆次商圈购物节','2021-05-01','2021-05-05','5月1日-5月5日','重点商圈商场联动开展满减促销',150,'约150家','满300减50',5000.0,'5000万元','城市商圈',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(15,3,'a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','晋中市','registry','Sheet1',5,'太谷区',0,'太谷区','太谷农产品进城消费节','太谷农产品进城消费节','2021-05-01','2021-05-05','5月1日-5月5日','组织合作社和农户开展农副产品展销',50,'约50家','免收摊位费',500.0,'500万元','其他',NULL,'default',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(16,3,'a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','晋中市','registry','Sheet1',6,'榆社县',0,'榆社县','“五一”榆社欢乐购','“五一”榆社欢乐购','2021-05-01','2021-05-31','5月1日-5月31日','节假日期间商场超市联合促销',30,'约30家','商家让利10%',800.0,'800万元','节假日消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(17,3,'a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','晋中市','registry','Sheet1',7,'左权县',0,'左权县','左权2021春季汽车展销会','左权2021春季汽车展销会','2021-05-01','2021-05-31','5月','组织区域内4S店集中展销，开展试驾、团购活动',80,'约80家','购车补贴3000元/辆',1000.0,'1000万元','汽车、成品油促消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(18,3,'a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','晋中市','registry','Sheet1',8,'和顺县',0,'和顺县','“晋味和顺”美食节','“晋味和顺”美食节','2021-05-01','2021-06-30','5月1日-6月30日','组织老字号餐饮企业推出特色菜品和套餐',80,'约80家','满100减20餐饮券',2000.0,'2000万元','餐饮消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(19,3,'a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','晋中市','registry','Sheet1',9,'昔阳县',0,'昔阳县','昔阳家电家居以旧换新月','昔阳家电家居以旧换新月','2021-05-01','2021-05-05','5月1日-5月5日','家电卖场联合厂家开展以旧换新',80,'约80家','以旧换新补贴最高500元',12000.0,'12000万元','家电家具家装',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(20,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','临汾市','registry','Sheet1',4,'尧都区',0,'尧都区','尧都2021春季汽车展销会','尧都2021春季汽车展销会','2021-05-01','2021-05-05','5月1日-5月5日','组织区域内4S店集中展销，开展试驾、团购活动',150,'150+','购车补贴3000元/辆',NULL,'不详','汽车、成品油促消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(21,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','临汾市','registry','Sheet1',5,'曲沃县',0,'曲沃县','“晋味曲沃”美食节','“晋味曲沃”美食节','2021-05-01','2021-06-30','5月1日-6月30日','组织老字号餐饮企业推出特色菜品和套餐',20,'约20家','满100减20餐饮券',1000.0,'1000万元','餐饮消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(22,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','临汾市','registry','Sheet1',6,'翼城县',0,'临汾市翼城县','翼城家电家居以旧换新月','翼城家电家居以旧换新月','2021-05-01','2021-06-30','5月1日-6月30日','家电卖场联合厂家开展以旧换新',150,'约150家','以旧换新补贴最高500元',NULL,'不详','家电家具家装',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(23,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','临汾市','registry','Sheet1',7,NULL,1,'全市','临汾“夜太美”夜间消费季','临汾“夜太美”夜间消费季','2021-05-01','2021-05-05','2021年5月1日至5日','打造夜市街区，延长商业营业时间',50,'50+','夜间停车免费',500.0,'500万元','夜经济',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(24,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','临汾市','registry','Sheet1',8,'洪洞县、古县',0,'洪洞县、古县','洪洞电商直播带货节','洪洞电商直播带货节','2021-05-01','2021-05-05','2021.5.1—5.5','组织本地企业开展直播带货，推广特色农产品',NULL,'/','直播平台流量扶持',5000.0,'5000万元','网络消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(25,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','临汾市','registry','Sheet1',9,'古县',0,'古县','古县老字号嘉年华','古县老字号嘉年华','2021-05-01','2021-05-05','5月1日-5月5日','老字号企业集中展示展销',30,'约30家','老字号产品九折优惠',5000.0,'5000','老字号',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(26,5,'20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','临汾市','registry','Sheet1',10,'安泽县',0,'安泽县','安泽电子消费券发放活动','安泽电子消费券发放活动','2021-05-01','2021-05-05','2021.5.1—5.5','通过云闪付平台分批发放电子消费券',NULL,'/','发放消费券200万元',12000.0,'约1.2亿','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(27,6,'2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','运城市','registry','Sheet1',4,'盐湖区',0,'盐湖区','盐湖老字号嘉年华','盐湖老字号嘉年华','2021-05-01','2021-06-30','5月1日-6月30日','老字号企业集中展示展销',30,'约30家','老字号产品九折优惠',5000.0,'5000万元','老字号',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(28,6,'2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','运城市','registry','Sheet1',5,'临猗县',0,'临猗县','临猗电子消费券发放活动','临猗电子消费券发放活动','2021-05-01','2021-05-31','5月1日-5月31日','通过云闪付平台分批发放电子消费券',50,'约50家','发放消费券200万元',500.0,'500万元','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(29,6,'2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','运城市','registry','Sheet1',6,'万荣县',0,'万荣县','万荣商圈购物节','万荣商圈购物节','2021-05-01','2021-05-31','5月','重点商圈商场联动开展满减促销',150,'约150家','满300减50',800.0,'800万元','城市商圈',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(30,6,'2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','运城市','registry','Sheet1',7,'闻喜县',0,'闻喜县','闻喜农产品进城消费节','闻喜农产品进城消费节','2021-05-01','2021-05-31','5月','组织合作社和农户开展农副产品展销',150,'约150家','免收摊位费',2000.0,'2000万元','其他',NULL,'default',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(31,6,'2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','运城市','registry','Sheet1',8,'稷山县',0,'稷山县','“五一”稷山欢乐购','“五一”稷山欢乐购','2021-05-01','2021-05-31','5月','节假日期间商场超市联合促销',150,'约150家','商家让利10%',800.0,'800万元','节假日消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(32,6,'2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','运城市','registry','Sheet1',9,'新绛县',0,'新绛县','新绛2021春季汽车展销会','新绛2021春季汽车展销会','2021-05-01','2021-05-31','5月1日-5月31日','组织区域内4S店集中展销，开展试驾、团购活动',80,'约80家','购车补贴3000元/辆',5000.0,'5000万元','汽车、成品油促消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(33,7,'92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','大同市','registry','Sheet1',4,'新荣区',0,'大同市新荣区','新荣家电家居以旧换新月','新荣家电家居以旧换新月','2021-05-01','2021-06-30','5月1日-6月30日','家电卖场联合厂家开展以旧换新',20,'约20家','以旧换新补贴最高500元',2000.0,'约0.2亿','家电家具家装',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(34,7,'92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','大同市','registry','Sheet1',5,'平城区',0,'平城区','平城“夜太美”夜间消费季','平城“夜太美”夜间消费季','2021-05-01','2021-05-31','5月1日-5月31日','打造夜市街区，延长商业营业时间',100,'100','夜间停车免费',800.0,'约0.08亿','夜经济',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(35,7,'92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','大同市','registry','Sheet1',6,'云冈区',0,'云冈区','云冈电商直播带货节','云冈电商直播带货节','2021-05-01','2021-12-31','全年','组织本地企业开展直播带货，推广特色农产品',80,'80余家','直播平台流量扶持',5000.0,'0.5亿元','网络消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(36,7,'92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','大同市','registry','Sheet1',7,NULL,1,'全市','大同老字号嘉年华','大同老字号嘉年华','2021-05-01','2021-05-31','5月1日-5月31日','老字号企业集中展示展销',30,'约30家','老字号产品九折优惠',1000.0,'1000万元','老字号',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(37,7,'92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','大同市','registry','Sheet1',8,'阳高县、天镇县',0,'阳高县、天镇县','阳高电子消费券发放活动','阳高电子消费券发放活动','2021-05-01','2021-12-31','全年','通过云闪付平台分批发放电子消费券',100,'100+','发放消费券200万元',12000.0,'1.2亿元','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(38,7,'92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','大同市','registry','Sheet1',9,'天镇县',0,'天镇县','天镇商圈购物节','天镇商圈购物节','2021-05-01','2021-05-31','5月1日-5月31日','重点商圈商场联动开展满减促销',50,'50余家','满300减50',500.0,'500万元','城市商圈',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(39,11,'b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','长治市','registry','长治市活动名录',4,'潞州区',0,'潞州区','潞州电商直播带货节','潞州电商直播带货节','2021-05-01','2021-06-30','5月1日-6月30日','组织本地企业开展直播带货，推广特色农产品',50,'约50家','直播平台流量扶持',5000.0,'5000万元','网络消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(40,11,'b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','长治市','registry','长治市活动名录',5,'上党区',0,'上党区','上党老字号嘉年华','上党老字号嘉年华','2021-05-01','2021-06-30','5月1日-6月30日','老字号企业集中展示展销',30,'约30家','老字号产品九折优惠',12000.0,'12000万元','老字号',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(41,11,'b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','长治市','registry','长治市活动名录',6,'屯留区',0,'屯留区','屯留电子消费券发放活动','屯留电子消费券发放活动','2021-05-15','2021-05-20','5月15日-5月20日','通过云闪付平台分批发放电子消费券',30,'约30家','发放消费券200万元',5000.0,'5000万元','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(42,11,'b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','长治市','registry','长治市活动名录',7,'潞城区',0,'潞城区','潞城商圈购物节','潞城商圈购物节','2021-05-01','2021-06-30','5月1日-6月30日','重点商圈商场联动开展满减促销',100,'约100家','满300减50',5000.0,'5000万元','城市商圈',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(43,11,'b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','长治市','registry','长治市活动名录',8,'襄垣县',0,'襄垣县','襄垣农产品进城消费节','襄垣农产品进城消费节','2021-05-01','2021-05-05','5月1日-5月5日','组织合作社和农户开展农副产品展销',30,'约30家','免收摊位费',5000.0,'5000万元','其他',NULL,'default',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(44,11,'b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','长治市','registry','长治市活动名录',9,'平顺县',0,'平顺县','“五一”平顺欢乐购','“五一”平顺欢乐购','2021-05-01','2021-05-31','5月','节假日期间商场超市联合促销',100,'约100家','商家让利10%',1000.0,'1000万元','节假日消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(45,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','阳泉市','registry','活动名录',4,'城区',0,'阳泉市城区','“晋味城区”美食节','“晋味城区”美食节','2021-05-01','2021-05-31','5月1日-5月31日','组织老字号餐饮企业推出特色菜品和套餐',NULL,'/','满100减20餐饮券',500.0,'约0.05亿','餐饮消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(46,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','阳泉市','registry','活动名录',5,'矿区',0,'阳泉市矿区','矿区家电家居以旧换新月','矿区家电家居以旧换新月','2021-05-01','2021-05-05','五一期间','家电卖场联合厂家开展以旧换新',20,'20','以旧换新补贴最高500元',1000.0,'1000','家电家具家装',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(47,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','阳泉市','registry','活动名录',6,'郊区',0,'郊区','郊区“夜太美”夜间消费季','郊区“夜太美”夜间消费季','2021-05-01','2021-05-05','2021.5.1—5.5','打造夜市街区，延长商业营业时间',30,'30余家','夜间停车免费',5000.0,'0.5亿元','夜经济',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(48,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','阳泉市','registry','活动名录',7,NULL,1,'全市','阳泉电商直播带货节','阳泉电商直播带货节','2021-05-01','2021-12-31','全年','组织本地企业开展直播带货，推广特色农产品',20,'20余家','直播平台流量扶持',5000.0,'5000万元','网络消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(49,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','阳泉市','registry','活动名录',8,'盂县、城区',0,'盂县、城区','盂县老字号嘉年华','盂县老字号嘉年华','2021-05-01','2021-12-31','全年','老字号企业集中展示展销',80,'80','老字号产品九折优惠',800.0,'0.08亿元','老字号',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(50,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','阳泉市','registry','活动名录',9,'城区',0,'城区','城区电子消费券发放活动','城区电子消费券发放活动','2021-05-01','2021-06-30','5月1日-6月30日','通过云闪付平台分批发放电子消费券',NULL,'/','发放消费券200万元',2000.0,'2000万元','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(51,14,'980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','阳泉市','registry','活动名录',10,'矿区',0,'矿区','矿区商圈购物节','矿区商圈购物节','2021-05-01','2021-06-30','5月1日-6月30日','重点商圈商场联动开展满减促销',20,'20余家','满300减50',500.0,'500万元','城市商圈',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(52,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',4,'榆次区',0,'榆次区','榆次农产品进城消费节','榆次农产品进城消费节','2021-05-01','2021-06-30','5月1日-6月30日','组织合作社和农户开展农副产品展销',150,'约150家','免收摊位费',800.0,'800万元','其他',NULL,'default',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(53,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',5,'太谷区',0,'太谷区','“五一”太谷欢乐购','“五一”太谷欢乐购','2021-05-01','2021-05-05','5月1日-5月5日','节假日期间商场超市联合促销',30,'约30家','商家让利10%',2000.0,'2000万元','节假日消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(54,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',6,'榆社县',0,'榆社县','榆社2021春季汽车展销会','榆社2021春季汽车展销会','2021-05-01','2021-05-31','5月','组织区域内4S店集中展销，开展试驾、团购活动',100,'约100家','购车补贴3000元/辆',5000.0,'5000万元','汽车、成品油促消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(55,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',7,'左权县',0,'左权县','“晋味左权”美食节','“晋味左权”美食节','2021-05-01','2021-05-05','5月1日-5月5日','组织老字号餐饮企业推出特色菜品和套餐',50,'约50家','满100减20餐饮券',12000.0,'12000万元','餐饮消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(56,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',8,'和顺县',0,'和顺县','和顺家电家居以旧换新月','和顺家电家居以旧换新月','2021-05-01','2021-05-05','5月1日-5月5日','家电卖场联合厂家开展以旧换新',20,'约20家','以旧换新补贴最高500元',2000.0,'2000万元','家电家具家装',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(57,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',9,'昔阳县',0,'昔阳县','昔阳“夜太美”夜间消费季','昔阳“夜太美”夜间消费季','2021-05-01','2021-06-30','5月1日-6月30日','打造夜市街区，延长商业营业时间',30,'约30家','夜间停车免费',1000.0,'1000万元','夜经济',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(58,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',10,'寿阳县',0,'寿阳县','寿阳电商直播带货节','寿阳电商直播带货节','2021-05-15','2021-05-20','5月15日-5月20日','组织本地企业开展直播带货，推广特色农产品',30,'约30家','直播平台流量扶持',800.0,'800万元','网络消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(59,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',11,'祁县',0,'祁县','祁县老字号嘉年华','祁县老字号嘉年华','2021-05-15','2021-05-20','5月15日-5月20日','老字号企业集中展示展销',100,'约100家','老字号产品九折优惠',2000.0,'2000万元','老字号',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(60,15,'4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市','registry','Sheet1',12,'平遥县',0,'平遥县','平遥电子消费券发放活动','平遥电子消费券发放活动','2021-05-01','2021-05-05','5月1日-5月5日','通过云闪付平台分批发放电子消费券',50,'约50家','发放消费券200万元',1000.0,'1000万元','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(61,16,'6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','忻州市','registry','Sheet1',4,'忻府区',0,'忻府区','“五一”忻府欢乐购','“五一”忻府欢乐购','2021-05-15','2021-05-20','5月15日-5月20日','节假日期间商场超市联合促销',80,'约80家','商家让利10%',5000.0,'5000万元','节假日消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(62,16,'6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','忻州市','registry','Sheet1',5,'定襄县',0,'定襄县','定襄2021春季汽车展销会','定襄2021春季汽车展销会','2021-05-01','2021-05-05','5月1日-5月5日','组织区域内4S店集中展销，开展试驾、团购活动',50,'约50家','购车补贴3000元/辆',1000.0,'1000万元','汽车、成品油促消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(63,16,'6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','忻州市','registry','Sheet1',6,'五台县',0,'五台县','“晋味五台”美食节','“晋味五台”美食节','2021-05-01','2021-06-30','5月1日-6月30日','组织老字号餐饮企业推出特色菜品和套餐',30,'约30家','满100减20餐饮券',2000.0,'2000万元','餐饮消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(64,16,'6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','忻州市','registry','Sheet1',7,'代县',0,'代县','代县家电家居以旧换新月','代县家电家居以旧换新月','2021-05-01','2021-06-30','5月1日-6月30日','家电卖场联合厂家开展以旧换新',30,'约30家','以旧换新补贴最高500元',5000.0,'5000万元','家电家具家装',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(65,16,'6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','忻州市','registry','Sheet1',8,'繁峙县',0,'繁峙县','繁峙“夜太美”夜间消费季','繁峙“夜太美”夜间消费季','2021-05-01','2021-06-30','5月1日-6月30日','打造夜市街区，延长商业营业时间',150,'约150家','夜间停车免费',2000.0,'2000万元','夜经济',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(66,16,'6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','忻州市','registry','Sheet1',9,'宁武县',0,'宁武县','宁武电商直播带货节','宁武电商直播带货节','2021-05-01','2021-06-30','5月1日-6月30日','组织本地企业开展直播带货，推广特色农产品',30,'约30家','直播平台流量扶持',5000.0,'5000万元','网络消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(67,17,'f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','朔州市','registry','Sheet1',4,'朔城区',0,'朔城区','朔城“夜太美”夜间消费季','朔城“夜太美”夜间消费季','2021-05-01','2021-05-31','5月1日-5月31日','打造夜市街区，延长商业营业时间',100,'约100家','夜间停车免费',800.0,'800万元','夜经济',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(68,17,'f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','朔州市','registry','Sheet1',5,'平鲁区',0,'平鲁区','平鲁电商直播带货节','平鲁电商直播带货节','2021-05-01','2021-06-30','5月1日-6月30日','组织本地企业开展直播带货，推广特色农产品',100,'约100家','直播平台流量扶持',1000.0,'1000万元','网络消费',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(69,17,'f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','朔州市','registry','Sheet1',6,'山阴县',0,'山阴县','山阴老字号嘉年华','山阴老字号嘉年华','2021-05-01','2021-05-05','5月1日-5月5日','老字号企业集中展示展销',50,'约50家','老字号产品九折优惠',800.0,'800万元','老字号',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(70,17,'f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','朔州市','registry','Sheet1',7,'应县',0,'应县','应县电子消费券发放活动','应县电子消费券发放活动','2021-05-01','2021-05-31','5月','通过云闪付平台分批发放电子消费券',80,'约80家','发放消费券200万元',5000.0,'5000万元','发放政府电子消费券',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(71,17,'f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','朔州市','registry','Sheet1',8,'右玉县',0,'右玉县','右玉商圈购物节','右玉商圈购物节','2021-05-15','2021-05-20','5月15日-5月20日','重点商圈商场联动开展满减促销',100,'约100家','满300减50',12000.0,'12000万元','城市商圈',NULL,'rules',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'{}');
INSERT INTO "activity" VALUES(72,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市','results_may','活动成效',6,'小店区',0,'小店区','小店2021春季汽车展销会','小店2021春季汽车展销会','2021-05-01','2021-05-31','5月1日-5月31日',NULL,56,'56',NULL,NULL,NULL,'汽车、成品油促消费',NULL,'rules',8200.0,'8200',35.5,'35.5',300.0,'300',240.0,'240',NULL,6,'{}');
INSERT INTO "activity" VALUES(73,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市','results_may','活动成效',7,'迎泽区',0,'迎泽区','“晋味迎泽”美食节','“晋味迎泽”美食节','2021-05-01','2021-05-05','5月1日-5月5日',NULL,40,'40',NULL,NULL,NULL,'餐饮消费',NULL,'rules',3100.0,'3100',12.0,'约12',NULL,NULL,NULL,NULL,NULL,7,'{}');
INSERT INTO "activity" VALUES(74,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市','results_may','活动成效',8,'杏花岭区',0,'杏花岭区','杏花岭家电家居以旧换新月','杏花岭家电家居以旧换新月','2021-05-15','2021-05-20','5月15日-5月20日',NULL,30,'30余家',NULL,NULL,NULL,'家电家具家装',NULL,'rules',2600.0,'2600万元',8.0,'8',NULL,NULL,NULL,NULL,NULL,8,'{}');
INSERT INTO "activity" VALUES(75,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市','results_may','活动成效',9,'尖草坪区',0,'尖草坪区','尖草坪“夜太美”夜间消费季','尖草坪“夜太美”夜间消费季','2021-05-01','2021-05-31','5月',NULL,85,'85',NULL,NULL,NULL,'夜经济',NULL,'rules',0.9,'0.9',20.0,'20',NULL,NULL,NULL,NULL,NULL,9,'{}');
INSERT INTO "activity" VALUES(76,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市','results_may','活动成效',10,'万柏林区',0,'万柏林区','万柏林电商直播带货节','万柏林电商直播带货节','2021-05-01','2021-05-31','5月1日-5月31日',NULL,22,'22',NULL,NULL,NULL,'网络消费',NULL,'rules',NULL,'/',NULL,'/',NULL,NULL,NULL,NULL,NULL,10,'{}');
INSERT INTO "activity" VALUES(77,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市','results_may','活动成效',11,'晋源区',0,'晋源区','晋源老字号嘉年华','晋源老字号嘉年华','2021-05-01','2021-05-31','5月1日-5月31日',NULL,60,'60',NULL,NULL,NULL,'老字号',NULL,'rules',4800.0,'4800',15.0,'15',200.0,'200',160.0,'160',NULL,11,'{}');
INSERT INTO "activity" VALUES(78,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市','results_may','活动成效',12,'清徐县',0,'清徐县','清徐电子消费券发放活动','清徐电子消费券发放活动','2021-05-08','2021-05-09','5月8日-5月9日',NULL,18,'18',NULL,NULL,NULL,'发放政府电子消费券',NULL,'rules',950.0,'950',3.2,'3.2',NULL,NULL,NULL,NULL,NULL,12,'{}');
INSERT INTO "activity" VALUES(79,19,'1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市','results_may','活动成效',13,'阳曲县',0,'阳曲县','阳曲商圈购物节','阳曲商圈购物节','2021-05-20','2021-05-31','5月20日-5月31日',NULL,35,'35',NULL,NULL,NULL,'城市商圈',NULL,'rules',2100.0,'2100',6.0,'6',NULL,NULL,NULL,NULL,NULL,13,'{}');
INSERT INTO "activity_county" VALUES(1,'140502','城区','晋城市');
INSERT INTO "activity_county" VALUES(2,'140521','沁水县','晋城市');
INSERT INTO "activity_county" VALUES(3,'140522','阳城县','晋城市');
INSERT INTO "activity_county" VALUES(4,'140524','陵川县','晋城市');
INSERT INTO "activity_county" VALUES(5,'140525','泽州县','晋城市');
INSERT INTO "activity_county" VALUES(6,'140105','小店区','太原市');
INSERT INTO "activity_county" VALUES(7,'140106','迎泽区','太原市');
INSERT INTO "activity_county" VALUES(8,'140107','杏花岭区','太原市');
INSERT INTO "activity_county" VALUES(9,'140108','尖草坪区','太原市');
INSERT INTO "activity_county" VALUES(10,'140109','万柏林区','太原市');
INSERT INTO "activity_county" VALUES(11,'140110','晋源区','太原市');
INSERT INTO "activity_county" VALUES(12,'140121','清徐县','太原市');
INSERT INTO "activity_county" VALUES(13,'140122','阳曲县','太原市');
INSERT INTO "activity_county" VALUES(14,'140702','榆次区','晋中市');
INSERT INTO "activity_county" VALUES(15,'140703','太谷区','晋中市');
INSERT INTO "activity_county" VALUES(16,'140721','榆社县','晋中市');
INSERT INTO "activity_county" VALUES(17,'140722','左权县','晋中市');
INSERT INTO "activity_county" VALUES(18,'140723','和顺县','晋中市');
INSERT INTO "activity_county" VALUES(19,'140724','昔阳县','晋中市');
INSERT INTO "activity_county" VALUES(20,'141002','尧都区','临汾市');
INSERT INTO "activity_county" VALUES(21,'141021','曲沃县','临汾市');
INSERT INTO "activity_county" VALUES(22,'141022','翼城县','临汾市');
INSERT INTO "activity_county" VALUES(24,'141024','洪洞县','临汾市');
INSERT INTO "activity_county" VALUES(24,'141025','古县','临汾市');
INSERT INTO "activity_county" VALUES(25,'141025','古县','临汾市');
INSERT INTO "activity_county" VALUES(26,'141026','安泽县','临汾市');
INSERT INTO "activity_county" VALUES(27,'140802','盐湖区','运城市');
INSERT INTO "activity_county" VALUES(28,'140821','临猗县','运城市');
INSERT INTO "activity_county" VALUES(29,'140822','万荣县','运城市');
INSERT INTO "activity_county" VALUES(30,'140823','闻喜县','运城市');
INSERT INTO "activity_county" VALUES(31,'140824','稷山县','运城市');
INSERT INTO "activity_county" VALUES(32,'140825','新绛县','运城市');
INSERT INTO "activity_county" VALUES(33,'140212','新荣区','大同市');
INSERT INTO "activity_county" VALUES(34,'140213','平城区','大同市');
INSERT INTO "activity_county" VALUES(35,'140214','云冈区','大同市');
INSERT INTO "activity_county" VALUES(37,'140221','阳高县','大同市');
INSERT INTO "activity_county" VALUES(37,'140222','天镇县','大同市');
INSERT INTO "activity_county" VALUES(38,'140222','天镇县','大同市');
INSERT INTO "activity_county" VALUES(39,'140403','潞州区','长治市');
INSERT INTO "activity_county" VALUES(40,'140404','上党区','长治市');
INSERT INTO "activity_county" VALUES(41,'140405','屯留区','长治市');
INSERT INTO "activity_county" VALUES(42,'140406','潞城区','长治市');
INSERT INTO "activity_county" VALUES(43,'140423','襄垣县','长治市');
INSERT INTO "activity_county" VALUES(44,'140425','平顺县','长治市');
INSERT INTO "activity_county" VALUES(45,'140302','城区','阳泉市');
INSERT INTO "activity_county" VALUES(46,'140303','矿区','阳泉市');
INSERT INTO "activity_county" VALUES(47,'140311','郊区','阳泉市');
INSERT INTO "activity_county" VALUES(49,'140322','盂县','阳泉市');
INSERT INTO "activity_county" VALUES(49,'140302','城区','阳泉市');
INSERT INTO "activity_county" VALUES(50,'140302','城区','阳泉市');
INSERT INTO "activity_county" VALUES(51,'140303','矿区','阳泉市');
INSERT INTO "activity_county" VALUES(52,'140702','榆次区','晋中市');
INSERT INTO "activity_county" VALUES(53,'140703','太谷区','晋中市');
INSERT INTO "activity_county" VALUES(54,'140721','榆社县','晋中市');
INSERT INTO "activity_county" VALUES(55,'140722','左权县','晋中市');
INSERT INTO "activity_county" VALUES(56,'140723','和顺县','晋中市');
INSERT INTO "activity_county" VALUES(57,'140724','昔阳县','晋中市');
INSERT INTO "activity_county" VALUES(58,'140725','寿阳县','晋中市');
INSERT INTO "activity_county" VALUES(59,'140727','祁县','晋中市');
INSERT INTO "activity_county" VALUES(60,'140728','平遥县','晋中市');
INSERT INTO "activity_county" VALUES(61,'140902','忻府区','忻州市');
INSERT INTO "activity_county" VALUES(62,'140921','定襄县','忻州市');
INSERT INTO "activity_county" VALUES(63,'140922','五台县','忻州市');
INSERT INTO "activity_county" VALUES(64,'140923','代县','忻州市');
INSERT INTO "activity_county" VALUES(65,'140924','繁峙县','忻州市');
INSERT INTO "activity_county" VALUES(66,'140925','宁武县','忻州市');
INSERT INTO "activity_county" VALUES(67,'140602','朔城区','朔州市');
INSERT INTO "activity_county" VALUES(68,'140603','平鲁区','朔州市');
INSERT INTO "activity_county" VALUES(69,'140621','山阴县','朔州市');
INSERT INTO "activity_county" VALUES(70,'140622','应县','朔州市');
INSERT INTO "activity_county" VALUES(71,'140623','右玉县','朔州市');
INSERT INTO "activity_county" VALUES(72,'140105','小店区','太原市');
INSERT INTO "activity_county" VALUES(73,'140106','迎泽区','太原市');
INSERT INTO "activity_county" VALUES(74,'140107','杏花岭区','太原市');
INSERT INTO "activity_county" VALUES(75,'140108','尖草坪区','太原市');
INSERT INTO "activity_county" VALUES(76,'140109','万柏林区','太原市');
INSERT INTO "activity_county" VALUES(77,'140110','晋源区','太原市');
INSERT INTO "activity_county" VALUES(78,'140121','清徐县','太原市');
INSERT INTO "activity_county" VALUES(79,'140122','阳曲县','太原市');
INSERT INTO "contact" VALUES(1,18,'临汾市','王晓燕','市场运行科科长','0357-2021888','wangxy@linfen.sx.example','临汾市商务局','表1',2);
INSERT INTO "contact" VALUES(2,18,'临汾市','赵磊','科员','13903571234','zhaolei@linfen.sx.example','临汾市商务局','表1',3);
INSERT INTO "city_figure" VALUES(19,'太原市','results_may','voucher_issued_wan',5000.0,'5000');
INSERT INTO "city_figure" VALUES(19,'太原市','results_may','voucher_redeemed_wan',4120.5,'4120.5');
INSERT INTO "outbox" VALUES(1,'reply:a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','reply','a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110','晋城市',NULL,'xfc@commerce.sx.example','swj@jincheng.sx.example','回复：晋城市关于报送2021年全国消费促进月活动情况的函','jx-6f9f4724af03a835dd9b7f3410695c12@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-6f9f4724af03a835dd9b7f3410695c12@commerce.sx.example>
X-Jinxiao-Key:
 reply:a6524881399c0596b5339c3f52567aa1975ddd45c13a552ea3741490beffe110
Auto-Submitted: auto-replied
To: swj@jincheng.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5pmL5Z+O5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <c3924cede84959d5@jincheng.sx.example>
References: <c3924cede84959d5@jincheng.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5pmL5Z+O5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIw5pelIDE1OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5pmL5Z+O5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc5pmL5Z+O5biC5rS75Yqo5ZCN5b2VLmRvY3jigJ3v
vIjpmYTku7YyIOa0u+WKqOWQjeW9le+8iQogICAg57uT5p6c77ya5bey6YeH55So77yM5YWl5bqT
NeihjOaVsOaNru+8iOihqOagvOesrDLooYzoh7PnrKw26KGM77yJ44CCCiAgICDmnKzmlofku7bl
kIjorqHvvJrlj4LkuI7kvIHkuJo0NDDlrrbvvIzpooTkvLDmiJDkuqQxNiw1MDDkuIflhYPvvIjm
jInlt7LloavlhpnnmoTmlbDlgLzlkIjorqHvvInjgIIKCuaIquiHs+acrOWbnuWkje+8jOaZi+Wf
juW4gua0u+WKqOWQjeW9leaxh+aAu++8iOS7peaIkeWOheeOsOihjOmHh+eUqOeahOihqOagvOiu
oe+8ie+8muWPguWKoOWOv+WMuu+8iOW4gu+8iTXkuKrvvIzph43ngrnmtLvliqg15Zy677yM5Y+C
5LiO5LyB5LiaNDQw5a6277yM6aKE5Lyw5oiQ5LqkMS42NeS6v+WFg+OAggrvvIjlj4LkuI7kvIHk
uJrjgIHpooTkvLDmiJDkuqTmjInlt7LloavlhpnnmoTmlbDlgLzlkIjorqHvvJvnqbrnmb3miJbi
gJzkuI3or6bigJ3kuI3orqHlhaXjgILvvIkK5aaC5qC45a+55ZCO5peg6ZyA5pu05q2j77yM5peg
6ZyA5Zue5aSN44CCCgrmnKzpgq7ku7bnlLHmiqXpgIHns7vnu5/oh6rliqjlj5HpgIHjgILlpoLm
nInnlpHpl67vvIzor7fnm7TmjqXlm57lpI3mnKzpgq7ku7bjgIIKCuWxseilv+ecgeWVhuWKoeWO
hQo=
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(2,'reply:64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','reply','64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f','太原市',NULL,'xfc@commerce.sx.example','swj@taiyuan.sx.example','回复：太原市关于报送2021年全国消费促进月活动情况的函','jx-9b6255d86e5ae92b981454307005461a@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-9b6255d86e5ae92b981454307005461a@commerce.sx.example>
X-Jinxiao-Key:
 reply:64bff2b26baf7201367f5f01b5f69ce4fe463c43b37f69d12d15ef85749fe19f
Auto-Submitted: auto-replied
To: =?utf-8?b?5aSq5Y6f5biC5ZWG5Yqh5bGA?= <swj@taiyuan.sx.example>
Subject: =?utf-8?b?5Zue5aSN77ya5aSq5Y6f5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <d8cf10d7fbae52c5@taiyuan.sx.example>
References: <d8cf10d7fbae52c5@taiyuan.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5aSq5Y6f5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIx5pelIDA5OjMw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5aSq5Y6f5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8muWkquWOn+W4gjIwMjHlubTlhajl
m73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2iOi0ueKAneS/g+a2
iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI6ZmE5Lu2MiDmtLvliqjlkI3lvZXvvIkK
ICAgIOe7k+aenO+8muW3sumHh+eUqO+8jOWFpeW6kzjooYzmlbDmja7vvIjooajmoLznrKw06KGM
6Iez56ysMTHooYzvvInjgIIKICAgIOacrOaWh+S7tuWQiOiuoe+8muWPguS4juS8geS4mjQ3MOWu
tu+8jOmihOS8sOaIkOS6pDI0LDUwMOS4h+WFg++8iOaMieW3suWhq+WGmeeahOaVsOWAvOWQiOiu
oe+8ieOAggoK5oiq6Iez5pys5Zue5aSN77yM5aSq5Y6f5biC5rS75Yqo5ZCN5b2V5rGH5oC777yI
5Lul5oiR5Y6F546w6KGM6YeH55So55qE6KGo5qC86K6h77yJ77ya5Y+C5Yqg5Y6/5Yy677yI5biC
77yJOOS4qu+8jOmHjeeCuea0u+WKqDjlnLrvvIzlj4LkuI7kvIHkuJo0NzDlrrbvvIzpooTkvLDm
iJDkuqQyLjQ15Lq/5YWD44CCCu+8iOWPguS4juS8geS4muOAgemihOS8sOaIkOS6pOaMieW3suWh
q+WGmeeahOaVsOWAvOWQiOiuoe+8m+epuueZveaIluKAnOS4jeivpuKAneS4jeiuoeWFpeOAgu+8
iQrlpoLmoLjlr7nlkI7ml6DpnIDmm7TmraPvvIzml6DpnIDlm57lpI3jgIIKCuacrOmCruS7tueU
seaKpemAgeezu+e7n+iHquWKqOWPkemAgeOAguWmguacieeWkemXru+8jOivt+ebtOaOpeWbnuWk
jeacrOmCruS7tuOAggoK5bGx6KW/55yB5ZWG5Yqh5Y6FCg==
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(3,'reply:a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','reply','a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3','晋中市',NULL,'xfc@commerce.sx.example','swj@jinzhong.sx.example','回复：晋中市关于报送2021年全国消费促进月活动情况的函','jx-707b35412ddde3e9d9baae63a6bde5f1@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-707b35412ddde3e9d9baae63a6bde5f1@commerce.sx.example>
X-Jinxiao-Key:
 reply:a08a0cd09696df6666172611a5c18a0c2ed003b7f9c6a040c7ff02bed89dbaa3
Auto-Submitted: auto-replied
To: swj@jinzhong.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5pmL5Lit5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <673ffb5ca713c73e@jinzhong.sx.example>
References: <673ffb5ca713c73e@jinzhong.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5pmL5Lit5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIx5pelIDEwOjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5pmL5Lit5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8muaZi+S4reW4gjIwMjHlubTlhajl
m73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2iOi0ueKAneS/g+a2
iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI6ZmE5Lu2MiDmtLvliqjlkI3lvZXvvIkK
ICAgIOe7k+aenO+8muW3sumHh+eUqO+8jOWFpeW6kzbooYzmlbDmja7vvIjooajmoLznrKw06KGM
6Iez56ysOeihjO+8ieOAggogICAg5pys5paH5Lu25ZCI6K6h77ya5Y+C5LiO5LyB5LiaNDcw5a62
77yM6aKE5Lyw5oiQ5LqkMjEsMzAw5LiH5YWD77yI5oyJ5bey5aGr5YaZ55qE5pWw5YC85ZCI6K6h
77yJ44CCCgrmiKroh7PmnKzlm57lpI3vvIzmmYvkuK3luILmtLvliqjlkI3lvZXmsYfmgLvvvIjk
u6XmiJHljoXnjrDooYzph4fnlKjnmoTooajmoLzorqHvvInvvJrlj4LliqDljr/ljLrvvIjluILv
vIk25Liq77yM6YeN54K55rS75YqoNuWcuu+8jOWPguS4juS8geS4mjQ3MOWutu+8jOmihOS8sOaI
kOS6pDIuMTPkur/lhYPjgIIK77yI5Y+C5LiO5LyB5Lia44CB6aKE5Lyw5oiQ5Lqk5oyJ5bey5aGr
5YaZ55qE5pWw5YC85ZCI6K6h77yb56m655m95oiW4oCc5LiN6K+m4oCd5LiN6K6h5YWl44CC77yJ
CuWmguaguOWvueWQjuaXoOmcgOabtOato++8jOaXoOmcgOWbnuWkjeOAggoK5pys6YKu5Lu255Sx
5oql6YCB57O757uf6Ieq5Yqo5Y+R6YCB44CC5aaC5pyJ55aR6Zeu77yM6K+355u05o6l5Zue5aSN
5pys6YKu5Lu244CCCgrlsbHopb/nnIHllYbliqHljoUK
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(4,'reply:3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467','reply','3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467','朔州市',NULL,'xfc@commerce.sx.example','swj@shuozhou.sx.example','回复：朔州市关于报送2021年全国消费促进月活动情况的函','jx-439181770a8b23191e092922afc7e2ae@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-439181770a8b23191e092922afc7e2ae@commerce.sx.example>
X-Jinxiao-Key:
 reply:3c9eda93a0d8c960879754a9f7795bed0fbaeb37f2583fa95d260f3dbe4ba467
Auto-Submitted: auto-replied
To: swj@shuozhou.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5pyU5bee5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <ee7bd492347444f1@shuozhou.sx.example>
References: <ee7bd492347444f1@shuozhou.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5pyU5bee5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIy5pelIDA5OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5pyU5bee5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8muaclOW3nuW4gjIwMjHlubTlhajl
m73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2iOi0ueKAneS/g+a2
iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI6ZmE5Lu2MiDmtLvliqjlkI3lvZXvvIkK
ICAgIOe7k+aenO+8mumAgOWbnuS/ruaUue+8iOaVsOaNruagoemqjOacqumAmui/h++8ie+8jOac
rOaWh+S7tueahOaVsOaNruacquWFpeW6k+OAggogICAg6ZyA5L+u5pS555qE6Zeu6aKY77yaCiAg
ICAgIDEuIOesrDXooYzigJzlj4LliqDljr/ljLrigJ3kuK3nmoTigJzlvIDlj5HljLrigJ3kuI3m
mK/mnKzluILnmoTljr/vvIjluILjgIHljLrvvInvvIzor7floavlhpnop4TojIPlkI3np7DvvIjl
poLigJzlsI/lupfljLrigJ3vvInvvIzlhajluILmgKfmtLvliqjloavigJzlhajluILigJ3jgIIK
ICAgICAgMi4g56ysNuihjOKAnOS4vuWKnuaXtumXtOKAne+8muaXoOazleivhuWIq+eahOaXpeac
n+KAnOWPpuihjOmAmuefpeKAne+8jOivt+Whq+WGmeWmguKAnDXmnIgx5pelLTXmnIgzMeaXpeKA
neaIluKAnDIwMjHlubQ15pyIMeaXpeKAnQogICAg5Y+m6K+35LiA5bm25qC45a+55Lul5LiL5o+Q
56S677yaCiAgICAgIDEuIOihqOS4i+WQiOiuoeivreWPpeS4juihqOS4reaVsOaNruS4jeS4gOiH
tO+8muWOv+WMuuWGmTXkuKrvvIzmjInooajkuK3lkITooYzorqHnrpfkuLo05Liq44CC5rGH5oC7
5Lul6KGo5Lit5ZCE6KGM5Li65YeG44CCCgror7fmjInkuIrov7Dpl67popjkv67mlLnlkI7vvIzn
m7TmjqXlm57lpI3mnKzpgq7ku7bmiJblj6blj5HmlrDpgq7ku7bvvIzpmYTkuIrkv67mlLnlkI7n
moTlrozmlbTooajmoLzvvIjor7fli7/lj6rlj5Hkv67mlLnnmoTooYzvvInjgILmiJHljoXku6Xm
nIDlkI7mlLbliLDnmoTlkIjmoLzooajmoLzkuLrlh4bjgIIKCuacrOmCruS7tueUseaKpemAgeez
u+e7n+iHquWKqOWPkemAgeOAguWmguacieeWkemXru+8jOivt+ebtOaOpeWbnuWkjeacrOmCruS7
tuOAggoK5bGx6KW/55yB5ZWG5Yqh5Y6FCg==
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(5,'reply:20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','reply','20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773','临汾市',NULL,'xfc@commerce.sx.example','swj@linfen.sx.example','回复：转发：临汾市关于报送2021年全国消费促进月活动情况的函','jx-d16e2f5620540802a461b498d659400d@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-d16e2f5620540802a461b498d659400d@commerce.sx.example>
X-Jinxiao-Key:
 reply:20a7906104dfb4d4ef29ca55a18841e00b25f4047a868c5f78741010f5ec4773
Auto-Submitted: auto-replied
To: swj@linfen.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya6L2s5Y+R77ya5Li05rG+5biC5YWz5LqO5oql6YCBMjAy?=
 =?utf-8?b?MeW5tOWFqOWbvea2iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHvQ==?=
In-Reply-To: <e3522072e326020fd88a@linfen.sx.example>
References: <e3522072e326020fd88a@linfen.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5Li05rG+5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIy5pelIDA5OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya6L2s5Y+R77ya5Li05rG+5biC5YWz5LqO5oql6YCBMjAyMeW5
tOWFqOWbvea2iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWk
hOeQhue7k+aenOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8muS4tOaxvuW4gjIw
MjHlubTlhajlm73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2iOi0
ueKAneS/g+a2iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI6ZmE5Lu2MiDmtLvliqjl
kI3lvZXvvIkKICAgIOe7k+aenO+8muW3sumHh+eUqO+8jOWFpeW6kzfooYzmlbDmja7vvIjooajm
oLznrKw06KGM6Iez56ysMTDooYzvvInjgIIKICAgIOacrOaWh+S7tuWQiOiuoe+8muWPguS4juS8
geS4mjQwMOWutu+8jOmihOS8sOaIkOS6pDIzLDUwMOS4h+WFg++8iOaMieW3suWhq+WGmeeahOaV
sOWAvOWQiOiuoe+8ieOAggogICAg6K+35qC45a+55Lul5LiL5o+Q56S677yI5LiN5b2x5ZON6YeH
55So77yb5aaC6ZyA5pu05q2j77yM6K+35L+u5pS55ZCO6YeN5paw5Y+R6YCB5a6M5pW06KGo5qC8
77yJ77yaCiAgICAgIDEuIOihqOS4i+WQiOiuoeivreWPpeS4juihqOS4reaVsOaNruS4jeS4gOiH
tO+8muWPguS4juS8geS4muWGmTUxMOWutu+8jOaMieihqOS4reWQhOihjOiuoeeul+S4ujQwMOWu
tu+8m+mihOS8sOaIkOS6pOWGmTIuOTPkur/lhYPvvIzmjInooajkuK3lkITooYzorqHnrpfkuLoy
LjM15Lq/5YWD44CC5rGH5oC75Lul6KGo5Lit5ZCE6KGM5Li65YeG44CCCiAgICAgIDIuIOesrDno
oYzigJzpooTkvLDmiJDmlYjvvIjmiJDkuqTpop3nrYnvvInigJ3vvJrigJw1MDAw4oCd5pyq5YaZ
5Y2V5L2N77yM5bey5oyJ5LiH5YWD6K6h44CCCgrmiKroh7PmnKzlm57lpI3vvIzkuLTmsb7luILm
tLvliqjlkI3lvZXmsYfmgLvvvIjku6XmiJHljoXnjrDooYzph4fnlKjnmoTooajmoLzorqHvvInv
vJrlj4LliqDljr/ljLrvvIjluILvvIk25Liq77yM6YeN54K55rS75YqoN+Wcuu+8jOWPguS4juS8
geS4mjQwMOWutu+8jOmihOS8sOaIkOS6pDIuMzXkur/lhYPjgIIK77yI5Y+C5LiO5LyB5Lia44CB
6aKE5Lyw5oiQ5Lqk5oyJ5bey5aGr5YaZ55qE5pWw5YC85ZCI6K6h77yb56m655m95oiW4oCc5LiN
6K+m4oCd5LiN6K6h5YWl44CC77yJCuWmguaguOWvueWQjuaXoOmcgOabtOato++8jOaXoOmcgOWb
nuWkjeOAggoK5pys6YKu5Lu255Sx5oql6YCB57O757uf6Ieq5Yqo5Y+R6YCB44CC5aaC5pyJ55aR
6Zeu77yM6K+355u05o6l5Zue5aSN5pys6YKu5Lu244CCCgrlsbHopb/nnIHllYbliqHljoUK
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(6,'reply:2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','reply','2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16','运城市',NULL,'xfc@commerce.sx.example','swj@yuncheng.sx.example','回复：运城市关于报送2021年全国消费促进月活动情况的函','jx-68bcbbffec1ef9d3ff1cd358e58e9c3b@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-68bcbbffec1ef9d3ff1cd358e58e9c3b@commerce.sx.example>
X-Jinxiao-Key:
 reply:2ac82e0247f7ef34a8f522303b07efc587eaf77dd0ecb5f6a5e8bc3281ef9c16
Auto-Submitted: auto-replied
To: swj@yuncheng.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya6L+Q5Z+O5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <9deb0f4156dd1426@yuncheng.sx.example>
References: <9deb0f4156dd1426@yuncheng.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

6L+Q5Z+O5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIy5pelIDEwOjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya6L+Q5Z+O5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8mui/kOWfjuW4gjIwMjHlubTlhajl
m73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2iOi0ueKAneS/g+a2
iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI6ZmE5Lu2MiDmtLvliqjlkI3lvZXvvIkK
ICAgIOe7k+aenO+8muW3sumHh+eUqO+8jOWFpeW6kzbooYzmlbDmja7vvIjooajmoLznrKw06KGM
6Iez56ysOeihjO+8ieOAggogICAg5pys5paH5Lu25ZCI6K6h77ya5Y+C5LiO5LyB5LiaNjEw5a62
77yM6aKE5Lyw5oiQ5LqkMTQsMTAw5LiH5YWD77yI5oyJ5bey5aGr5YaZ55qE5pWw5YC85ZCI6K6h
77yJ44CCCgrmiKroh7PmnKzlm57lpI3vvIzov5Dln47luILmtLvliqjlkI3lvZXmsYfmgLvvvIjk
u6XmiJHljoXnjrDooYzph4fnlKjnmoTooajmoLzorqHvvInvvJrlj4LliqDljr/ljLrvvIjluILv
vIk25Liq77yM6YeN54K55rS75YqoNuWcuu+8jOWPguS4juS8geS4mjYxMOWutu+8jOmihOS8sOaI
kOS6pDEuNDHkur/lhYPjgIIK77yI5Y+C5LiO5LyB5Lia44CB6aKE5Lyw5oiQ5Lqk5oyJ5bey5aGr
5YaZ55qE5pWw5YC85ZCI6K6h77yb56m655m95oiW4oCc5LiN6K+m4oCd5LiN6K6h5YWl44CC77yJ
CuWmguaguOWvueWQjuaXoOmcgOabtOato++8jOaXoOmcgOWbnuWkjeOAggoK5pys6YKu5Lu255Sx
5oql6YCB57O757uf6Ieq5Yqo5Y+R6YCB44CC5aaC5pyJ55aR6Zeu77yM6K+355u05o6l5Zue5aSN
5pys6YKu5Lu244CCCgrlsbHopb/nnIHllYbliqHljoUK
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(7,'ops:fd5a8a3fb6e26b3932846b4d5a92f2e937e2acd9661962120d4f8013edee96e6','ops_notice','fd5a8a3fb6e26b3932846b4d5a92f2e937e2acd9661962120d4f8013edee96e6',NULL,NULL,'xfc@commerce.sx.example','ops@commerce.sx.example','【隔离】未登记发件人来信：market@huarun-wanjia.example｜华润万家五一促销活动报名表','jx-a0828e956652dde4800d4d70d54f9270@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-a0828e956652dde4800d4d70d54f9270@commerce.sx.example>
X-Jinxiao-Key:
 ops:fd5a8a3fb6e26b3932846b4d5a92f2e937e2acd9661962120d4f8013edee96e6
Auto-Submitted: auto-generated
To: ops@commerce.sx.example
Subject: =?utf-8?b?44CQ6ZqU56a744CR5pyq55m76K6w5Y+R5Lu25Lq65p2l5L+h77yabWFy?=
 =?utf-8?b?a2V0QGh1YXJ1bi13YW5qaWEuZXhhbXBsZe+9nOWNjua2puS4h+WutuS6lOS4gA==?=
 =?utf-8?b?5L+D6ZSA5rS75Yqo5oql5ZCN6KGo?=
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5Lul5LiL6YKu5Lu255qE5Y+R5Lu25Lq65LiN5Zyo5oql6YCB6YKu566x55m76K6w6KGo5Lit77yM
5bey6ZqU56a75a2Y5qGj77yM5pyq5YWl5bqT77yM5Lmf5pyq5Zue5aSN5Y+R5Lu25Lq644CCCgrl
j5Hku7bkurrvvJogPG1hcmtldEBodWFydW4td2FuamlhLmV4YW1wbGU+CuS4u+mimO+8muWNjua2
puS4h+WutuS6lOS4gOS/g+mUgOa0u+WKqOaKpeWQjeihqArmlLbku7bml7bpl7TvvJoyMDIx5bm0
NOaciDIy5pelIDEzOjAwCk1lc3NhZ2UtSUTvvJowNTFiMjkwZTZkNjFmNTU4QGh1YXJ1bi13YW5q
aWEuZXhhbXBsZQrlrZjmoaPplK7vvIhtZXNzYWdlX2tlee+8ie+8mmZkNWE4YTNmYjZlMjZiMzkz
Mjg0NmI0ZDVhOTJmMmU5MzdlMmFjZDk2NjE5NjIxMjBkNGY4MDEzZWRlZTk2ZTYK6ZmE5Lu277ya
MeS4qgogIC0g5rS75Yqo5ZCN5b2VLnhsc3jvvIg1ODQ55a2X6IqC77yJCgror7TmmI7vvJrlj5Hk
u7bkurptYXJrZXRAaHVhcnVuLXdhbmppYS5leGFtcGxl5LiN5Zyo5oql6YCB6YKu566x55m76K6w
6KGo5Lit77yM6YKu5Lu25bey6ZqU56a777yM5pyq5YWl5bqT44CCCgrlpITnkIblip7ms5XvvJrl
poLnoa7kuLrmn5DluILllYbliqHlsYDnmoTmiqXpgIHpgq7nrrHvvIzor7flsIbor6XlnLDlnYDl
iqDlhaXlj5Hku7bkurrnmbvorrDooajvvIhzZW5kZXJfcmVnaXN0cnnvvIzmoLzlvI8gY2l0eV9u
YW1lLGVtYWls77yJ5ZCO6YeN5paw5aSE55CG6K+l6YKu5Lu277yM5oiW6K+36K+l5biC5pS555So
5bey55m76K6w6YKu566x6YeN5paw5Y+R6YCB77yb5aaC6Z2e5oql6YCB6YKu5Lu277yM5peg6ZyA
5aSE55CG44CCCg==
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(8,'reply:92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','reply','92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793','大同市',NULL,'xfc@commerce.sx.example','swj@datong.sx.example','回复：大同市关于报送2021年全国消费促进月活动情况的函','jx-655afd920b68948dcf1b5be4b400dec7@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-655afd920b68948dcf1b5be4b400dec7@commerce.sx.example>
X-Jinxiao-Key:
 reply:92087e9c96bd7c5875cd9464f8ebc734274d1a70e70da387f25b0851ce6ba793
Auto-Submitted: auto-replied
To: swj@datong.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5aSn5ZCM5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <ec5555e5bedea5e6@datong.sx.example>
References: <ec5555e5bedea5e6@datong.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5aSn5ZCM5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIy5pelIDE2OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5aSn5ZCM5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8muWkp+WQjOW4gjIwMjHlubTlhajl
m73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2iOi0ueKAneS/g+a2
iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHPigJ3vvIjpmYTku7YyIOa0u+WKqOWQjeW9le+8iQog
ICAg57uT5p6c77ya5bey6YeH55So77yM5YWl5bqTNuihjOaVsOaNru+8iOihqOagvOesrDTooYzo
h7PnrKw56KGM77yJ44CCCiAgICDmnKzmlofku7blkIjorqHvvJrlj4LkuI7kvIHkuJozODDlrrbv
vIzpooTkvLDmiJDkuqQyMSwzMDDkuIflhYPvvIjmjInlt7LloavlhpnnmoTmlbDlgLzlkIjorqHv
vInjgIIKCuaIquiHs+acrOWbnuWkje+8jOWkp+WQjOW4gua0u+WKqOWQjeW9leaxh+aAu++8iOS7
peaIkeWOheeOsOihjOmHh+eUqOeahOihqOagvOiuoe+8ie+8muWPguWKoOWOv+WMuu+8iOW4gu+8
iTXkuKrvvIzph43ngrnmtLvliqg25Zy677yM5Y+C5LiO5LyB5LiaMzgw5a6277yM6aKE5Lyw5oiQ
5LqkMi4xM+S6v+WFg+OAggrvvIjlj4LkuI7kvIHkuJrjgIHpooTkvLDmiJDkuqTmjInlt7Lloavl
hpnnmoTmlbDlgLzlkIjorqHvvJvnqbrnmb3miJbigJzkuI3or6bigJ3kuI3orqHlhaXjgILvvIkK
5aaC5qC45a+55ZCO5peg6ZyA5pu05q2j77yM5peg6ZyA5Zue5aSN44CCCgrmnKzpgq7ku7bnlLHm
iqXpgIHns7vnu5/oh6rliqjlj5HpgIHjgILlpoLmnInnlpHpl67vvIzor7fnm7TmjqXlm57lpI3m
nKzpgq7ku7bjgIIKCuWxseilv+ecgeWVhuWKoeWOhQo=
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(9,'reply:63cb9967cc37118c72f8feee4e57829b08252605f6d07f31788fd46d2b3087ff','reply','63cb9967cc37118c72f8feee4e57829b08252605f6d07f31788fd46d2b3087ff','大同市',NULL,'xfc@commerce.sx.example','swj@datong.sx.example','回复：大同市4月销售情况','jx-f4aba6e6739b88da1c8f806f4dbe80c0@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-f4aba6e6739b88da1c8f806f4dbe80c0@commerce.sx.example>
X-Jinxiao-Key:
 reply:63cb9967cc37118c72f8feee4e57829b08252605f6d07f31788fd46d2b3087ff
Auto-Submitted: auto-replied
To: swj@datong.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5aSn5ZCM5biCNOaciOmUgOWUruaDheWGtQ==?=
In-Reply-To: <84664f771917a570@datong.sx.example>
References: <84664f771917a570@datong.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5aSn5ZCM5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIy5pelIDE3OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5aSn5ZCM5biCNOaciOmUgOWUruaDheWGte+8ieW3suaUtuWI
sO+8jOWkhOeQhue7k+aenOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc5aSn5ZCM5biCNOaciOmH
jeeCueS8geS4mumUgOWUrue7n+iuoS54bHN44oCdCiAgICDnu5PmnpzvvJrpgIDlm57kv67mlLnv
vIjkuI3mmK/op4TlrprnmoTooajmoLzmqKHmnb/vvInvvIzmnKzmlofku7bnmoTmlbDmja7mnKrl
haXlupPjgIIKICAgIOmXrumimO+8muacquaJvuWIsOmZhOS7tjLmqKHmnb/nmoTooajlpLTvvJrn
vLrlsJHigJzlj4LliqDljr/ljLrigJ3igJzph43ngrnmtLvliqjlkI3np7DigJ3igJzkuL7lip7m
l7bpl7TigJ3liJfvvIjlt6XkvZzooajigJxTaGVldDHigJ3nrKwy6KGM5Li677ya5bqP5Y+344CB
5LyB5Lia5ZCN56ew44CBNOaciOmUgOWUrumine+8iOS4h+WFg++8ieOAgeWQjOavlOWinumVv++8
iCXvvInvvInjgILor7fkvb/nlKjpmYTku7Yy5qih5p2/5aGr5YaZ44CCCgror7fmjInkuIrov7Dp
l67popjkv67mlLnlkI7vvIznm7TmjqXlm57lpI3mnKzpgq7ku7bmiJblj6blj5HmlrDpgq7ku7bv
vIzpmYTkuIrkv67mlLnlkI7nmoTlrozmlbTooajmoLzvvIjor7fli7/lj6rlj5Hkv67mlLnnmoTo
oYzvvInjgILmiJHljoXku6XmnIDlkI7mlLbliLDnmoTlkIjmoLzooajmoLzkuLrlh4bjgIIKCuac
rOmCruS7tueUseaKpemAgeezu+e7n+iHquWKqOWPkemAgeOAguWmguacieeWkemXru+8jOivt+eb
tOaOpeWbnuWkjeacrOmCruS7tuOAggoK5bGx6KW/55yB5ZWG5Yqh5Y6FCg==
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(10,'reply:8a0b72586345b523af630171fef980c4647e07939e736fac8938fc5960a314a6','reply','8a0b72586345b523af630171fef980c4647e07939e736fac8938fc5960a314a6','运城市',NULL,'xfc@commerce.sx.example','swj@yuncheng.sx.example','回复：运城市关于报送2021年全国消费促进月活动情况的函（重发）','jx-faaf545d4fa3450b0bea2fbbcbece2e4@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-faaf545d4fa3450b0bea2fbbcbece2e4@commerce.sx.example>
X-Jinxiao-Key:
 reply:8a0b72586345b523af630171fef980c4647e07939e736fac8938fc5960a314a6
Auto-Submitted: auto-replied
To: swj@yuncheng.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya6L+Q5Z+O5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye977yI6YeN5Y+R77yJ?=
In-Reply-To: <22de7307cd18931c@yuncheng.sx.example>
References: <22de7307cd18931c@yuncheng.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

6L+Q5Z+O5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIz5pelIDA5OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya6L+Q5Z+O5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8iOmHjeWPke+8ie+8ieW3suaUtuWIsO+8
jOWkhOeQhue7k+aenOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8mui/kOWfjuW4
gjIwMjHlubTlhajlm73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2
iOi0ueKAneS/g+a2iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCdCiAgICDnu5PmnpzvvJrp
h43lpI3mlofku7bvvIzml6DpnIDlpITnkIbjgILkuI7mraTliY3mlLbliLDnmoTmlofku7bigJzp
mYTku7Yy77ya6L+Q5Z+O5biCMjAyMeW5tOWFqOWbvea2iOi0ueS/g+i/m+aciOaaqOKAnOekvOS6
q+eUn+a0u8K35pmL5oOF5raI6LS54oCd5L+D5raI6LS557O75YiX5rS75Yqo5ZCN5b2VLnhsc3ji
gJ3lhoXlrrnlrozlhajnm7jlkIzvvIzml6DpnIDph43lpI3miqXpgIHjgIIKCuacrOasoeaXoOmc
gOS7u+S9leaTjeS9nOOAggoK5pys6YKu5Lu255Sx5oql6YCB57O757uf6Ieq5Yqo5Y+R6YCB44CC
5aaC5pyJ55aR6Zeu77yM6K+355u05o6l5Zue5aSN5pys6YKu5Lu244CCCgrlsbHopb/nnIHllYbl
iqHljoUK
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(11,'reply:75ac46119b6480a55f2a7194180d317b6eb34ec47fdf2aa32747851a589d7221','reply','75ac46119b6480a55f2a7194180d317b6eb34ec47fdf2aa32747851a589d7221','吕梁市',NULL,'xfc@commerce.sx.example','swj@lvliang.sx.example','回复：吕梁市关于报送2021年全国消费促进月活动情况的函','jx-c8063ef541df800630d98e891320cfa8@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-c8063ef541df800630d98e891320cfa8@commerce.sx.example>
X-Jinxiao-Key:
 reply:75ac46119b6480a55f2a7194180d317b6eb34ec47fdf2aa32747851a589d7221
Auto-Submitted: auto-replied
To: swj@lvliang.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5ZCV5qKB5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <2fe8c2644a3645c0@lvliang.sx.example>
References: <2fe8c2644a3645c0@lvliang.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5ZCV5qKB5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIz5pelIDEwOjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5ZCV5qKB5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8muWQleaigeW4gjIwMjHlubTlhajl
m73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2iOi0ueKAneS/g+a2
iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCdCiAgICDnu5PmnpzvvJrpgIDlm57kv67mlLnv
vIjmlofku7borr7mnInlr4bnoIHvvIzml6Dms5Xor7vlj5bvvInvvIzmnKzmlofku7bnmoTmlbDm
ja7mnKrlhaXlupPjgIIKICAgIOmXrumimO+8mumZhOS7tuKAnOmZhOS7tjLvvJrlkJXmooHluIIy
MDIx5bm05YWo5Zu95raI6LS55L+D6L+b5pyI5pqo4oCc56S85Lqr55Sf5rS7wrfmmYvmg4Xmtojo
tLnigJ3kv4PmtojotLnns7vliJfmtLvliqjlkI3lvZUueGxzeOKAne+8muaWh+S7tuiuvue9ruS6
huaJk+W8gOWvhuegge+8jOezu+e7n+aXoOazleivu+WPluOAguivt+WPlua2iOWvhueggeWQjumH
jeaWsOWPkemAgeOAggoK6K+35oyJ5LiK6L+w6Zeu6aKY5L+u5pS55ZCO77yM55u05o6l5Zue5aSN
5pys6YKu5Lu25oiW5Y+m5Y+R5paw6YKu5Lu277yM6ZmE5LiK5L+u5pS55ZCO55qE5a6M5pW06KGo
5qC877yI6K+35Yu/5Y+q5Y+R5L+u5pS555qE6KGM77yJ44CC5oiR5Y6F5Lul5pyA5ZCO5pS25Yiw
55qE5ZCI5qC86KGo5qC85Li65YeG44CCCgrmnKzpgq7ku7bnlLHmiqXpgIHns7vnu5/oh6rliqjl
j5HpgIHjgILlpoLmnInnlpHpl67vvIzor7fnm7TmjqXlm57lpI3mnKzpgq7ku7bjgIIKCuWxseil
v+ecgeWVhuWKoeWOhQo=
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(12,'reply:b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','reply','b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461','长治市',NULL,'xfc@commerce.sx.example','czsw_scc@mail.sx.example','回复：长治市关于报送2021年全国消费促进月活动情况的函','jx-fc3129b55fbb3dde647452ece69f30f3@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-fc3129b55fbb3dde647452ece69f30f3@commerce.sx.example>
X-Jinxiao-Key:
 reply:b4a3528fc89c733824cebc4f1288f4d171bf6b279d16731beb3f9980f1ee0461
Auto-Submitted: auto-replied
To: czsw_scc@mail.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya6ZW/5rK75biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <484c663285f36b82@mail.sx.example>
References: <484c663285f36b82@mail.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

6ZW/5rK75biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIz5pelIDExOjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya6ZW/5rK75biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZW/5rK75biC5rS75Yqo5ZCN5b2VLmNzduKAne+8
iOmZhOS7tjIg5rS75Yqo5ZCN5b2V77yJCiAgICDnu5PmnpzvvJrlt7Lph4fnlKjvvIzlhaXlupM2
6KGM5pWw5o2u77yI6KGo5qC856ysNOihjOiHs+esrDnooYzvvInjgIIKICAgIOacrOaWh+S7tuWQ
iOiuoe+8muWPguS4juS8geS4mjM0MOWutu+8jOmihOS8sOaIkOS6pDMzLDAwMOS4h+WFg++8iOaM
ieW3suWhq+WGmeeahOaVsOWAvOWQiOiuoe+8ieOAggoK5oiq6Iez5pys5Zue5aSN77yM6ZW/5rK7
5biC5rS75Yqo5ZCN5b2V5rGH5oC777yI5Lul5oiR5Y6F546w6KGM6YeH55So55qE6KGo5qC86K6h
77yJ77ya5Y+C5Yqg5Y6/5Yy677yI5biC77yJNuS4qu+8jOmHjeeCuea0u+WKqDblnLrvvIzlj4Lk
uI7kvIHkuJozNDDlrrbvvIzpooTkvLDmiJDkuqQzLjMw5Lq/5YWD44CCCu+8iOWPguS4juS8geS4
muOAgemihOS8sOaIkOS6pOaMieW3suWhq+WGmeeahOaVsOWAvOWQiOiuoe+8m+epuueZveaIluKA
nOS4jeivpuKAneS4jeiuoeWFpeOAgu+8iQrlpoLmoLjlr7nlkI7ml6DpnIDmm7TmraPvvIzml6Dp
nIDlm57lpI3jgIIKCuacrOmCruS7tueUseaKpemAgeezu+e7n+iHquWKqOWPkemAgeOAguWmguac
ieeWkemXru+8jOivt+ebtOaOpeWbnuWkjeacrOmCruS7tuOAggoK5bGx6KW/55yB5ZWG5Yqh5Y6F
Cg==
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(13,'reply:4a9e92dc65208f2f76b549118b6aeb4a7cf0934ac568a544dd64b25f9cd1af01','reply','4a9e92dc65208f2f76b549118b6aeb4a7cf0934ac568a544dd64b25f9cd1af01','吕梁市',NULL,'xfc@commerce.sx.example','swj@lvliang.sx.example','回复：吕梁市关于报送2021年全国消费促进月活动情况的函（无密码）','jx-6ababfa58a954631493fd37324de0475@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-6ababfa58a954631493fd37324de0475@commerce.sx.example>
X-Jinxiao-Key:
 reply:4a9e92dc65208f2f76b549118b6aeb4a7cf0934ac568a544dd64b25f9cd1af01
Auto-Submitted: auto-replied
To: swj@lvliang.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5ZCV5qKB5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye977yI5peg5a+G56CB?=
 =?utf-8?b?77yJ?=
In-Reply-To: <8ea10e952ff4d656@lvliang.sx.example>
References: <8ea10e952ff4d656@lvliang.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5ZCV5qKB5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIz5pelIDE0OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5ZCV5qKB5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8iOaXoOWvhuegge+8ie+8ieW3suaUtuWI
sO+8jOWkhOeQhue7k+aenOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8muWQleai
geW4gjIwMjHlubTlhajlm73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aD
hea2iOi0ueKAneS/g+a2iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI6ZmE5Lu2MiDm
tLvliqjlkI3lvZXvvIkKICAgIOe7k+aenO+8mumAgOWbnuS/ruaUue+8iOaVsOaNruagoemqjOac
qumAmui/h++8ie+8jOacrOaWh+S7tueahOaVsOaNruacquWFpeW6k+OAggogICAg6Zeu6aKY77ya
6KGo5qC85Lit5rKh5pyJ5rS75Yqo5pWw5o2u77yI5Y+q5pyJ6KGo5aS077yJ77ya5bel5L2c6KGo
4oCcU2hlZXQx4oCd56ysM+ihjOihqOWktOS7peS4i+ayoeacieWhq+WGmeS7u+S9lea0u+WKqOOA
guivt+mAkOihjOWhq+WGmea0u+WKqOWQjumHjeaWsOaKpemAgeOAggoK6K+35oyJ5LiK6L+w6Zeu
6aKY5L+u5pS55ZCO77yM55u05o6l5Zue5aSN5pys6YKu5Lu25oiW5Y+m5Y+R5paw6YKu5Lu277yM
6ZmE5LiK5L+u5pS55ZCO55qE5a6M5pW06KGo5qC877yI6K+35Yu/5Y+q5Y+R5L+u5pS555qE6KGM
77yJ44CC5oiR5Y6F5Lul5pyA5ZCO5pS25Yiw55qE5ZCI5qC86KGo5qC85Li65YeG44CCCgrmnKzp
gq7ku7bnlLHmiqXpgIHns7vnu5/oh6rliqjlj5HpgIHjgILlpoLmnInnlpHpl67vvIzor7fnm7Tm
jqXlm57lpI3mnKzpgq7ku7bjgIIKCuWxseilv+ecgeWVhuWKoeWOhQo=
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(14,'reply:55c7218555e2e051064ff904d78caf86289c0cd888b3ea9a065dc36fa2a9cee6','reply','55c7218555e2e051064ff904d78caf86289c0cd888b3ea9a065dc36fa2a9cee6','忻州市',NULL,'xfc@commerce.sx.example','swj@xinzhou.sx.example','回复：忻州市关于报送2021年全国消费促进月活动情况的函','jx-edfeb75b22d877b4085bebd22e90b069@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-edfeb75b22d877b4085bebd22e90b069@commerce.sx.example>
X-Jinxiao-Key:
 reply:55c7218555e2e051064ff904d78caf86289c0cd888b3ea9a065dc36fa2a9cee6
Auto-Submitted: auto-replied
To: swj@xinzhou.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5b+75bee5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <b002396a91663008@xinzhou.sx.example>
References: <b002396a91663008@xinzhou.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5b+75bee5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIz5pelIDE1OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5b+75bee5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc5b+75bee5biC5rS75Yqo5ZCN5b2V77yI55uW56ug
77yJLnBkZuKAnQogICAg57uT5p6c77ya6YCA5Zue5L+u5pS577yI5paH5Lu25qC85byP5peg5rOV
6K+75Y+W77yJ77yM5pys5paH5Lu255qE5pWw5o2u5pyq5YWl5bqT44CCCiAgICDpl67popjvvJrm
lLbliLDnmoTpmYTku7bigJzlv7vlt57luILmtLvliqjlkI3lvZXvvIjnm5bnq6DvvIkucGRm4oCd
5pivUERG5paH5Lu277yM57O757uf5Y+q6IO96K+75Y+WRXhjZWzooajmoLzvvIgueGxzeC8ueGxz
77yJ44CBQ1NW5oiWV29yZO+8iC5kb2N477yJ5paH5Lu25Lit55qE6KGo5qC877yM6K+35oyJ6ZmE
5Lu2Muaooeadv+Whq+WGmUV4Y2Vs5ZCO6YeN5paw5Y+R6YCB44CCCgror7fmjInkuIrov7Dpl67p
opjkv67mlLnlkI7vvIznm7TmjqXlm57lpI3mnKzpgq7ku7bmiJblj6blj5HmlrDpgq7ku7bvvIzp
mYTkuIrkv67mlLnlkI7nmoTlrozmlbTooajmoLzvvIjor7fli7/lj6rlj5Hkv67mlLnnmoTooYzv
vInjgILmiJHljoXku6XmnIDlkI7mlLbliLDnmoTlkIjmoLzooajmoLzkuLrlh4bjgIIKCuacrOmC
ruS7tueUseaKpemAgeezu+e7n+iHquWKqOWPkemAgeOAguWmguacieeWkemXru+8jOivt+ebtOaO
peWbnuWkjeacrOmCruS7tuOAggoK5bGx6KW/55yB5ZWG5Yqh5Y6FCg==
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(15,'reply:980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','reply','980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832','阳泉市',NULL,'xfc@commerce.sx.example','swj@yangquan.sx.example','回复：阳泉市关于报送2021年全国消费促进月活动情况的函','jx-f655640dca000a42c9bb1dcf0183e4cd@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-f655640dca000a42c9bb1dcf0183e4cd@commerce.sx.example>
X-Jinxiao-Key:
 reply:980348f910064c030cc98c8a0972072e5191afb56e0be25f9084fc263783b832
Auto-Submitted: auto-replied
To: swj@yangquan.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya6Ziz5rOJ5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye9?=
In-Reply-To: <280a7fbcf8345932@yangquan.sx.example>
References: <280a7fbcf8345932@yangquan.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

6Ziz5rOJ5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIz5pelIDE4OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya6Ziz5rOJ5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+ae
nOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8mumYs+azieW4gjIwMjHlubTlhajl
m73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aDhea2iOi0ueKAneS/g+a2
iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI6ZmE5Lu2MiDmtLvliqjlkI3lvZXvvIkK
ICAgIOe7k+aenO+8muW3sumHh+eUqO+8jOWFpeW6kzfooYzmlbDmja7vvIjooajmoLznrKw06KGM
6Iez56ysMTDooYzvvInjgIIKICAgIOacrOaWh+S7tuWQiOiuoe+8muWPguS4juS8geS4mjE3MOWu
tu+8jOmihOS8sOaIkOS6pDE0LDgwMOS4h+WFg++8iOaMieW3suWhq+WGmeeahOaVsOWAvOWQiOiu
oe+8ieOAggogICAg6K+35qC45a+55Lul5LiL5o+Q56S677yI5LiN5b2x5ZON6YeH55So77yb5aaC
6ZyA5pu05q2j77yM6K+35L+u5pS55ZCO6YeN5paw5Y+R6YCB5a6M5pW06KGo5qC877yJ77yaCiAg
ICAgIDEuIOihqOS4i+WQiOiuoeivreWPpeS4juihqOS4reaVsOaNruS4jeS4gOiHtO+8muWOv+WM
uuWGmTbkuKrvvIzmjInooajkuK3lkITooYzorqHnrpfkuLo05Liq77yb5Y+C5LiO5LyB5Lia5YaZ
NDIw5a6277yM5oyJ6KGo5Lit5ZCE6KGM6K6h566X5Li6MTcw5a6244CC5rGH5oC75Lul6KGo5Lit
5ZCE6KGM5Li65YeG44CCCiAgICAgIDIuIOesrDXooYzigJzpooTkvLDmiJDmlYjvvIjmiJDkuqTp
op3nrYnvvInigJ3vvJrigJwxMDAw4oCd5pyq5YaZ5Y2V5L2N77yM5bey5oyJ5LiH5YWD6K6h44CC
CgrmiKroh7PmnKzlm57lpI3vvIzpmLPms4nluILmtLvliqjlkI3lvZXmsYfmgLvvvIjku6XmiJHl
joXnjrDooYzph4fnlKjnmoTooajmoLzorqHvvInvvJrlj4LliqDljr/ljLrvvIjluILvvIk05Liq
77yM6YeN54K55rS75YqoN+Wcuu+8jOWPguS4juS8geS4mjE3MOWutu+8jOmihOS8sOaIkOS6pDEu
NDjkur/lhYPjgIIK77yI5Y+C5LiO5LyB5Lia44CB6aKE5Lyw5oiQ5Lqk5oyJ5bey5aGr5YaZ55qE
5pWw5YC85ZCI6K6h77yb56m655m95oiW4oCc5LiN6K+m4oCd5LiN6K6h5YWl44CC77yJCuWmguag
uOWvueWQjuaXoOmcgOabtOato++8jOaXoOmcgOWbnuWkjeOAggoK5pys6YKu5Lu255Sx5oql6YCB
57O757uf6Ieq5Yqo5Y+R6YCB44CC5aaC5pyJ55aR6Zeu77yM6K+355u05o6l5Zue5aSN5pys6YKu
5Lu244CCCgrlsbHopb/nnIHllYbliqHljoUK
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(16,'reply:4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','reply','4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f','晋中市',NULL,'xfc@commerce.sx.example','swj@jinzhong.sx.example','回复：晋中市关于报送2021年全国消费促进月活动情况的函（更新版）','jx-819e7a8c6b33b57e2f71bcb2d634bd2a@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-819e7a8c6b33b57e2f71bcb2d634bd2a@commerce.sx.example>
X-Jinxiao-Key:
 reply:4aebcf37c8f9e5d0ce3fb5ea9313217b6aada2b0101e6a76b172ad47099fab0f
Auto-Submitted: auto-replied
To: swj@jinzhong.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5pmL5Lit5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye977yI5pu05paw54mI?=
 =?utf-8?b?77yJ?=
In-Reply-To: <4b472d6daabe66f7@jinzhong.sx.example>
References: <4b472d6daabe66f7@jinzhong.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5pmL5Lit5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDIz5pelIDIwOjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5pmL5Lit5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8iOabtOaWsOeJiO+8ie+8ieW3suaUtuWI
sO+8jOWkhOeQhue7k+aenOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2Mu+8muaZi+S4
reW4gjIwMjHlubTlhajlm73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/mtLvCt+aZi+aD
hea2iOi0ueKAneS/g+a2iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI6ZmE5Lu2MiDm
tLvliqjlkI3lvZXvvIkKICAgIOe7k+aenO+8muW3sumHh+eUqO+8jOWFpeW6kznooYzmlbDmja7v
vIjooajmoLznrKw06KGM6Iez56ysMTLooYzvvInjgIIKICAgIOacrOaWh+S7tuWQiOiuoe+8muWP
guS4juS8geS4mjU2MOWutu+8jOmihOS8sOaIkOS6pDI2LDYwMOS4h+WFg++8iOaMieW3suWhq+WG
meeahOaVsOWAvOWQiOiuoe+8ieOAggoK5oiq6Iez5pys5Zue5aSN77yM5pmL5Lit5biC5rS75Yqo
5ZCN5b2V5rGH5oC777yI5Lul5oiR5Y6F546w6KGM6YeH55So55qE6KGo5qC86K6h77yJ77ya5Y+C
5Yqg5Y6/5Yy677yI5biC77yJOeS4qu+8jOmHjeeCuea0u+WKqDnlnLrvvIzlj4LkuI7kvIHkuJo1
NjDlrrbvvIzpooTkvLDmiJDkuqQyLjY25Lq/5YWD44CCCu+8iOWPguS4juS8geS4muOAgemihOS8
sOaIkOS6pOaMieW3suWhq+WGmeeahOaVsOWAvOWQiOiuoe+8m+epuueZveaIluKAnOS4jeivpuKA
neS4jeiuoeWFpeOAgu+8iQrlpoLmoLjlr7nlkI7ml6DpnIDmm7TmraPvvIzml6DpnIDlm57lpI3j
gIIKCuacrOmCruS7tueUseaKpemAgeezu+e7n+iHquWKqOWPkemAgeOAguWmguacieeWkemXru+8
jOivt+ebtOaOpeWbnuWkjeacrOmCruS7tuOAggoK5bGx6KW/55yB5ZWG5Yqh5Y6FCg==
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(17,'reply:6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','reply','6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9','忻州市',NULL,'xfc@commerce.sx.example','swj@xinzhou.sx.example','回复：忻州市关于报送2021年全国消费促进月活动情况的函（表格）','jx-b5bb0e0db3df6a15d9d0b66f6dcb7667@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-b5bb0e0db3df6a15d9d0b66f6dcb7667@commerce.sx.example>
X-Jinxiao-Key:
 reply:6ff39bebaf8a1f5cf260893f2b55807188a96ef150887656b8962eae37cb56e9
Auto-Submitted: auto-replied
To: swj@xinzhou.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5b+75bee5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye977yI6KGo5qC877yJ?=
In-Reply-To: <e5189ada00b03ec6@xinzhou.sx.example>
References: <e5189ada00b03ec6@xinzhou.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5b+75bee5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDI05pelIDEwOjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5b+75bee5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqOWbvea2
iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8iOihqOagvO+8ie+8ieW3suaUtuWIsO+8
jOWkhOeQhue7k+aenOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2MiDlv7vlt57luILm
tLvliqjlkI3lvZUueGxzeOKAne+8iOmZhOS7tjIg5rS75Yqo5ZCN5b2V77yJCiAgICDnu5Pmnpzv
vJrlt7Lph4fnlKjvvIzlhaXlupM26KGM5pWw5o2u77yI6KGo5qC856ysNOihjOiHs+esrDnooYzv
vInjgIIKICAgIOacrOaWh+S7tuWQiOiuoe+8muWPguS4juS8geS4mjM3MOWutu+8jOmihOS8sOaI
kOS6pDIwLDAwMOS4h+WFg++8iOaMieW3suWhq+WGmeeahOaVsOWAvOWQiOiuoe+8ieOAggoK5oiq
6Iez5pys5Zue5aSN77yM5b+75bee5biC5rS75Yqo5ZCN5b2V5rGH5oC777yI5Lul5oiR5Y6F546w
6KGM6YeH55So55qE6KGo5qC86K6h77yJ77ya5Y+C5Yqg5Y6/5Yy677yI5biC77yJNuS4qu+8jOmH
jeeCuea0u+WKqDblnLrvvIzlj4LkuI7kvIHkuJozNzDlrrbvvIzpooTkvLDmiJDkuqQyLjAw5Lq/
5YWD44CCCu+8iOWPguS4juS8geS4muOAgemihOS8sOaIkOS6pOaMieW3suWhq+WGmeeahOaVsOWA
vOWQiOiuoe+8m+epuueZveaIluKAnOS4jeivpuKAneS4jeiuoeWFpeOAgu+8iQrlpoLmoLjlr7nl
kI7ml6DpnIDmm7TmraPvvIzml6DpnIDlm57lpI3jgIIKCuacrOmCruS7tueUseaKpemAgeezu+e7
n+iHquWKqOWPkemAgeOAguWmguacieeWkemXru+8jOivt+ebtOaOpeWbnuWkjeacrOmCruS7tuOA
ggoK5bGx6KW/55yB5ZWG5Yqh5Y6FCg==
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(18,'reply:f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','reply','f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a','朔州市',NULL,'xfc@commerce.sx.example','swj@shuozhou.sx.example','回复：朔州市关于报送2021年全国消费促进月活动情况的函（修改后）','jx-909396f1cda3fa590cbe0c70779c145f@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-909396f1cda3fa590cbe0c70779c145f@commerce.sx.example>
X-Jinxiao-Key:
 reply:f3fba650f48203c474a55f587be36f070b0fa7ed95403c71fe9be6af3951512a
Auto-Submitted: auto-replied
To: swj@shuozhou.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5pyU5bee5biC5YWz5LqO5oql6YCBMjAyMeW5tOWFqA==?=
 =?utf-8?b?5Zu95raI6LS55L+D6L+b5pyI5rS75Yqo5oOF5Ya155qE5Ye977yI5L+u5pS55ZCO?=
 =?utf-8?b?77yJ?=
In-Reply-To: <ded8842cd3557b65@shuozhou.sx.example>
References: <ded8842cd3557b65@shuozhou.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5pyU5bee5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDI15pelIDEwOjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5Zue5aSN77ya5pyU5bee5biC5YWz5LqO5oql6YCBMjAyMeW5
tOWFqOWbvea2iOi0ueS/g+i/m+aciOa0u+WKqOaDheWGteeahOWHve+8iOS/ruaUueWQju+8ie+8
ieW3suaUtuWIsO+8jOWkhOeQhue7k+aenOWmguS4i+OAggoK5LiA44CB6ZmE5Lu24oCc6ZmE5Lu2
Mu+8muaclOW3nuW4gjIwMjHlubTlhajlm73mtojotLnkv4Pov5vmnIjmmqjigJznpLzkuqvnlJ/m
tLvCt+aZi+aDhea2iOi0ueKAneS/g+a2iOi0ueezu+WIl+a0u+WKqOWQjeW9lS54bHN44oCd77yI
6ZmE5Lu2MiDmtLvliqjlkI3lvZXvvIkKICAgIOe7k+aenO+8muW3sumHh+eUqO+8jOWFpeW6kzXo
oYzmlbDmja7vvIjooajmoLznrKw06KGM6Iez56ysOOihjO+8ieOAggogICAg5pys5paH5Lu25ZCI
6K6h77ya5Y+C5LiO5LyB5LiaNDMw5a6277yM6aKE5Lyw5oiQ5LqkMTksNjAw5LiH5YWD77yI5oyJ
5bey5aGr5YaZ55qE5pWw5YC85ZCI6K6h77yJ44CCCgrmiKroh7PmnKzlm57lpI3vvIzmnJTlt57l
uILmtLvliqjlkI3lvZXmsYfmgLvvvIjku6XmiJHljoXnjrDooYzph4fnlKjnmoTooajmoLzorqHv
vInvvJrlj4LliqDljr/ljLrvvIjluILvvIk15Liq77yM6YeN54K55rS75YqoNeWcuu+8jOWPguS4
juS8geS4mjQzMOWutu+8jOmihOS8sOaIkOS6pDEuOTbkur/lhYPjgIIK77yI5Y+C5LiO5LyB5Lia
44CB6aKE5Lyw5oiQ5Lqk5oyJ5bey5aGr5YaZ55qE5pWw5YC85ZCI6K6h77yb56m655m95oiW4oCc
5LiN6K+m4oCd5LiN6K6h5YWl44CC77yJCuWmguaguOWvueWQjuaXoOmcgOabtOato++8jOaXoOmc
gOWbnuWkjeOAggoK5pys6YKu5Lu255Sx5oql6YCB57O757uf6Ieq5Yqo5Y+R6YCB44CC5aaC5pyJ
55aR6Zeu77yM6K+355u05o6l5Zue5aSN5pys6YKu5Lu244CCCgrlsbHopb/nnIHllYbliqHljoUK
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(19,'reply:be56dad4da310ca451423bf389fc2a8b90685666929e65e3ff6fa0aec50a1c36','reply','be56dad4da310ca451423bf389fc2a8b90685666929e65e3ff6fa0aec50a1c36','太原市',NULL,'xfc@commerce.sx.example','swj@taiyuan.sx.example','回复：请问结果统计模板什么时候下发？','jx-f6e2d7426044f28b5deb9c8df0016945@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-f6e2d7426044f28b5deb9c8df0016945@commerce.sx.example>
X-Jinxiao-Key:
 reply:be56dad4da310ca451423bf389fc2a8b90685666929e65e3ff6fa0aec50a1c36
Auto-Submitted: auto-replied
To: swj@taiyuan.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya6K+36Zeu57uT5p6c57uf6K6h5qih5p2/5LuA5LmI5pe2?=
 =?utf-8?b?5YCZ5LiL5Y+R77yf?=
In-Reply-To: <bc5a8ba8be57ee73@taiyuan.sx.example>
References: <bc5a8ba8be57ee73@taiyuan.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5aSq5Y6f5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDI25pelIDEwOjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya6K+36Zeu57uT5p6c57uf6K6h5qih5p2/5LuA5LmI5pe25YCZ
5LiL5Y+R77yf77yJ5bey5pS25Yiw77yM5aSE55CG57uT5p6c5aaC5LiL44CCCgrmnKzpgq7ku7bm
nKrlj5HnjrDpmYTku7bvvIzmnKrkvZzkuLrmiqXpgIHlpITnkIbjgIIK5aaC6ZyA5oql6YCB77yM
6K+35bCG6KGo5qC85paH5Lu277yIRXhjZWzmiJZXb3Jk77yJ5L2c5Li66ZmE5Lu25Y+R6YCB77yM
5LiN6KaB57KY6LS05Zyo5q2j5paH5Lit5oiW5Y+q5Y+R572R55uY6ZO+5o6l77yb5Y+v55u05o6l
5Zue5aSN5pys6YKu5Lu25bm25re75Yqg6ZmE5Lu244CCCgrmnKzpgq7ku7bnlLHmiqXpgIHns7vn
u5/oh6rliqjlj5HpgIHjgILlpoLmnInnlpHpl67vvIzor7fnm7TmjqXlm57lpI3mnKzpgq7ku7bj
gIIKCuWxseilv+ecgeWVhuWKoeWOhQo=
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(20,'reply:0371a68ccb3f4b5700d38aa72fa76285d6207d3f0d68502888d67f89519c8bf5','reply','0371a68ccb3f4b5700d38aa72fa76285d6207d3f0d68502888d67f89519c8bf5','临汾市',NULL,'xfc@commerce.sx.example','swj@linfen.sx.example','回复：临汾市消费促进月工作方案及联系人名单','jx-a2c16722b5083ee707d9020407f8f680@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-a2c16722b5083ee707d9020407f8f680@commerce.sx.example>
X-Jinxiao-Key:
 reply:0371a68ccb3f4b5700d38aa72fa76285d6207d3f0d68502888d67f89519c8bf5
Auto-Submitted: auto-replied
To: swj@linfen.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5Li05rG+5biC5raI6LS55L+D6L+b5pyI5bel5L2c5pa5?=
 =?utf-8?b?5qGI5Y+K6IGU57O75Lq65ZCN5Y2V?=
In-Reply-To: <e034d3e3a746d400@linfen.sx.example>
References: <e034d3e3a746d400@linfen.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5Li05rG+5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NOaciDI55pelIDE2OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5Li05rG+5biC5raI6LS55L+D6L+b5pyI5bel5L2c5pa55qGI
5Y+K6IGU57O75Lq65ZCN5Y2V77yJ5bey5pS25Yiw77yM5aSE55CG57uT5p6c5aaC5LiL44CCCgrk
uIDjgIHpmYTku7bigJzkuLTmsb7luIIyMDIx5bm05raI6LS55L+D6L+b5pyI5bel5L2c5pa55qGI
LmRvY3jigJ3vvIjlt6XkvZzmlrnmoYjjgIHmtLvliqjlronmjpLorqHliJLooajjgIHogZTns7vk
urrlkI3ljZXvvIkKICAgIOe7k+aenO+8muW3suaUtuWIsOW5tuWtmOaho++8jOS7juS4reivhuWI
q+iBlOezu+S6ujLlkI3vvIjnlKjkuo7lkI7nu63mj5DphpLvvInjgIIKCuWmguaguOWvueWQjuaX
oOmcgOabtOato++8jOaXoOmcgOWbnuWkjeOAggoK5pys6YKu5Lu255Sx5oql6YCB57O757uf6Ieq
5Yqo5Y+R6YCB44CC5aaC5pyJ55aR6Zeu77yM6K+355u05o6l5Zue5aSN5pys6YKu5Lu244CCCgrl
sbHopb/nnIHllYbliqHljoUK
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "outbox" VALUES(21,'reply:1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','reply','1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69','太原市',NULL,'xfc@commerce.sx.example','swj@taiyuan.sx.example','回复：太原市消费促进月（5月）活动成效统计表','jx-19b23de953f82d3a054cb54729fadb44@commerce.sx.example','From: xfc@commerce.sx.example
Date: Wed, 02 Dec 2026 00:47:37 +0000
Message-ID: <jx-19b23de953f82d3a054cb54729fadb44@commerce.sx.example>
X-Jinxiao-Key:
 reply:1f0c823b87fedd92dddce5bfc86b9ebfb1b4bae5ca093110cf9c6cdbc0e8dd69
Auto-Submitted: auto-replied
To: swj@taiyuan.sx.example
Subject: =?utf-8?b?5Zue5aSN77ya5aSq5Y6f5biC5raI6LS55L+D6L+b5pyI77yINeaciA==?=
 =?utf-8?b?77yJ5rS75Yqo5oiQ5pWI57uf6K6h6KGo?=
In-Reply-To: <688b5df806550a33@taiyuan.sx.example>
References: <688b5df806550a33@taiyuan.sx.example>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

5aSq5Y6f5biC5ZWG5Yqh5bGA77yaCgrotLXlsYAyMDIx5bm0NeaciDMx5pelIDE3OjAw5Y+R5p2l
55qE6YKu5Lu277yI5Li76aKY77ya5aSq5Y6f5biC5raI6LS55L+D6L+b5pyI77yINeaciO+8iea0
u+WKqOaIkOaViOe7n+iuoeihqO+8ieW3suaUtuWIsO+8jOWkhOeQhue7k+aenOWmguS4i+OAggoK
5LiA44CB6ZmE5Lu24oCcangyMDIxX3Jlc3VsdHNfbWF5X3RlbXBsYXRlX+WkquWOn+W4gu+8iOW3
suWhq++8iS54bHN44oCd77yI5raI6LS55L+D6L+b5pyI5pyf6Ze05rS75Yqo5YWo6Z2i5oOF5Ya1
5ZKM6YeP5YyW5oiQ5pWI77yJCiAgICDnu5PmnpzvvJrlt7Lph4fnlKjvvIzlhaXlupM46KGM5pWw
5o2u77yI6KGo5qC856ysNuihjOiHs+esrDEz6KGM77yJ44CCCiAgICDmnKzmlofku7blkIjorqHv
vJrlj4LkuI7kvIHkuJozNDblrrbvvIzlrp7pmYXmiJDkuqTpop0yMSw3NTAuOeS4h+WFg++8iOaM
ieW3suWhq+WGmeeahOaVsOWAvOWQiOiuoe+8ieOAggoK5aaC5qC45a+55ZCO5peg6ZyA5pu05q2j
77yM5peg6ZyA5Zue5aSN44CCCgrmnKzpgq7ku7bnlLHmiqXpgIHns7vnu5/oh6rliqjlj5HpgIHj
gILlpoLmnInnlpHpl67vvIzor7fnm7TmjqXlm57lpI3mnKzpgq7ku7bjgIIKCuWxseilv+ecgeWV
huWKoeWOhQo=
','pending',0,NULL,'2026-12-02 00:47:37+00:00',NULL,NULL);
INSERT INTO "run_metrics" VALUES('cli','submission_intake','collect','2026-12-02 00:47:28+00:00',0.164,23,23,0,0,0,0,0,0);
INSERT INTO "run_metrics" VALUES('cli','submission_intake','process','2026-12-02 00:47:28+00:00',9.477,NULL,NULL,13,0,5,2,1,2);
